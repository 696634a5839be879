#include "ui/details/editcommands.h"

#include "registry/approval/approvals.h"
#include "registry/whenfinished.h"

#include <QCoreApplication>
#include <QHash>
#include <QVariant>
#include <QList>

namespace ModelDesk {
namespace {

// The translation context of every text in this file.
class EditText
{
    Q_DECLARE_TR_FUNCTIONS(ModelDesk::EditCommands)
};

QFuture<Result<Done>> writeTag(Registry &registry, const EditTarget &target, const QString &key,
                               const std::optional<QString> &value)
{
    // The approval workflow's tags change only through the workflow.
    if (auto allowed = Approval::checkTagEdit(key); !allowed)
        return QtFuture::makeReadyFuture(Result<Done>(allowed.error()));
    if (target.version) {
        return value ? registry.setVersionTag(target.modelName, *target.version, key, *value)
                     : registry.deleteVersionTag(target.modelName, *target.version, key);
    }
    return value ? registry.setModelTag(target.modelName, key, *value)
                 : registry.deleteModelTag(target.modelName, key);
}

QFuture<Result<Done>> writeAlias(Registry &registry, const QString &modelName,
                                 const QString &alias, std::optional<qint64> version)
{
    // A protected model's aliases move only for its approvers.
    return version ? Approval::setAlias(&registry, modelName, alias, *version)
                   : Approval::deleteAlias(&registry, modelName, alias);
}

} // namespace

QString EditTarget::displayName() const
{
    if (!version)
        return modelName;
    return EditText::tr("%1 version %2").arg(modelName).arg(*version);
}

// What the pending writes of a command share with their continuations; outlives the command
// when the stack is cleared while a write is under way.
struct RegistryCommand::State
{
    RegistryCommand *command = nullptr; // null once the command is deleted
    QPointer<Registry> registry;
    QPointer<EditReporter> reporter;
    QString appliedMessage;
    QString revertedMessage;
    bool applied = false; // the registry holds the command's values, as far as we know
    bool busy = false;
    QList<Step> queue;
};

RegistryCommand::RegistryCommand(Registry *registry, EditReporter *reporter, const QString &text,
                                 QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_state(std::make_shared<State>())
{
    m_state->command = this;
    m_state->registry = registry;
    m_state->reporter = reporter;
    m_state->appliedMessage = text;
    m_state->revertedMessage = EditText::tr("Undone: %1").arg(text);
}

RegistryCommand::~RegistryCommand()
{
    m_state->command = nullptr;
    m_state->queue.clear();
}

void RegistryCommand::setMessages(const QString &applied, const QString &reverted)
{
    m_state->appliedMessage = applied;
    m_state->revertedMessage = reverted;
}

EditReporter *RegistryCommand::reporter() const
{
    return m_state->reporter;
}

void RegistryCommand::redo()
{
    QUndoCommand::redo(); // children first, as QUndoCommand does
    enqueue(Step::Apply);
}

void RegistryCommand::undo()
{
    enqueue(Step::Revert);
    QUndoCommand::undo();
}

void RegistryCommand::enqueue(Step step)
{
    m_state->queue.append(step);
    if (!m_state->busy)
        runNext(m_state);
}

void RegistryCommand::runNext(const std::shared_ptr<State> &state)
{
    while (state->command && !state->queue.isEmpty()) {
        const Step step = state->queue.takeFirst();
        if (state->applied == (step == Step::Apply))
            continue;
        if (!state->registry) {
            if (state->reporter) {
                emit state->reporter->failed(RegistryError(
                    ErrorCode::InvalidState, EditText::tr("The registry has been closed.")));
            }
            continue;
        }
        state->busy = true;
        const auto finished = [state, step](const Result<Done> &result) {
            state->busy = false;
            if (result) {
                state->applied = step == Step::Apply;
                if (state->reporter) {
                    emit state->reporter->succeeded(step == Step::Apply ? state->appliedMessage
                                                                        : state->revertedMessage);
                }
            } else {
                // The stack drops a failed command at the next undo or redo instead of
                // offering to undo what never happened.
                if (state->command)
                    state->command->setObsolete(true);
                if (state->reporter)
                    emit state->reporter->failed(result.error());
            }
            runNext(state);
        };
        state->command->write(*state->registry, step, finished);
        return;
    }
}

void RegistryCommand::whenDone(QFuture<Result<Done>> future, Completion done)
{
    // The command's state outlives the page that pushed it, so the answer goes to the
    // application rather than to a widget.
    whenFinished(future, QCoreApplication::instance(),
                 [done = std::move(done)](const Result<Done> &result) { done(result); });
}

DescriptionCommand::DescriptionCommand(Registry *registry, EditReporter *reporter,
                                       const EditTarget &target,
                                       const std::optional<QString> &oldText,
                                       const QString &newText, ExpectedTimestamp seen,
                                       QUndoCommand *parent)
    : RegistryCommand(registry, reporter,
                      EditText::tr("Edit description of %1").arg(target.displayName()), parent)
    , m_target(target)
    , m_oldText(oldText)
    , m_newText(newText)
    , m_timestamps(std::make_shared<Timestamps>())
{
    m_timestamps->beforeApply = seen;
    setMessages(EditText::tr("Saved the description of %1").arg(target.displayName()),
                EditText::tr("Restored the previous description of %1")
                    .arg(target.displayName()));
}

namespace {

// The timestamp the newest description write made through ModelDesk left on each entity, so
// that undoing several edits in a row expects what the last of them wrote (each command on
// its own only knows what its own write left). Keyed by registry and entity; GUI thread.
QHash<QString, qint64> &lastDescriptionWrites()
{
    static QHash<QString, qint64> writes;
    return writes;
}

QString descriptionKey(Registry &registry, const EditTarget &target)
{
    // An id of its own rather than the object's address: a registry opened after another
    // was closed may get the same address, and must not inherit its timestamps or queue.
    static quint64 nextId = 0;
    const char *property = "modeldesk.editId";
    if (!registry.property(property).isValid())
        registry.setProperty(property, ++nextId);
    return registry.property(property).toString() + QLatin1Char('\x1f') + target.modelName
           + QLatin1Char('\x1f') + QString::number(target.version.value_or(0));
}

// Description writes to one entity run one after another (undoing two edits quickly would
// otherwise send the second undo before the first has left its timestamp), and each expects
// the timestamp the previous one left.
QHash<QString, QList<std::function<void()>>> &queuedDescriptionWrites()
{
    static QHash<QString, QList<std::function<void()>>> queues;
    return queues;
}

void runNextDescriptionWrite(const QString &key)
{
    auto &queue = queuedDescriptionWrites()[key];
    if (!queue.isEmpty())
        queue.removeFirst();
    if (queue.isEmpty())
        queuedDescriptionWrites().remove(key);
    else
        queue.first()();
}

} // namespace

void DescriptionCommand::write(Registry &registry, Step step, Completion done)
{
    const QString key = descriptionKey(registry, m_target);
    auto &queue = queuedDescriptionWrites()[key];
    Write write{m_target, m_oldText, m_newText, m_timestamps, QPointer<EditReporter>(reporter())};
    queue.append([registry = QPointer<Registry>(&registry), step, key, write,
                  done = std::move(done)]() mutable {
        if (!registry) {
            done(RegistryError(ErrorCode::InvalidState,
                               EditText::tr("The registry has been closed.")));
            runNextDescriptionWrite(key);
            return;
        }
        start(*registry, step, key, write, std::move(done));
    });
    if (queue.size() == 1)
        queue.first()();
}

void DescriptionCommand::start(Registry &registry, Step step, const QString &key,
                               const Write &write, Completion done)
{
    const bool apply = step == Step::Apply;
    ExpectedTimestamp expected = apply ? write.timestamps->beforeApply
                                       : write.timestamps->beforeRevert;
    const auto newest = lastDescriptionWrites().constFind(key);
    if (expected && newest != lastDescriptionWrites().cend() && *newest > *expected)
        expected = *newest; // a later edit (or its undo) of ours wrote since
    // Record the timestamp our write leaves, so that the opposite step expects exactly it;
    // then let the next queued write to this entity go.
    auto finish = [timestamps = write.timestamps, apply, target = write.target, key,
                   reporter = write.reporter,
                   done = std::move(done)](const std::optional<RegistryError> &error,
                                           qint64 lastUpdated) {
        if (error) {
            done(*error);
        } else {
            lastDescriptionWrites().insert(key, lastUpdated);
            (apply ? timestamps->beforeRevert : timestamps->beforeApply) = lastUpdated;
            if (reporter)
                emit reporter->descriptionWritten(target, lastUpdated);
            done(Done{});
        }
        runNextDescriptionWrite(key);
    };
    if (write.target.version) {
        const std::optional<QString> text = apply ? std::optional<QString>(write.newText)
                                                  : write.oldText;
        whenFinished(
            registry.updateVersionDescription(write.target.modelName, *write.target.version,
                                              text, expected),
            QCoreApplication::instance(), [finish](const Result<ModelVersion> &result) {
                if (result)
                    finish(std::nullopt, result->lastUpdatedTimestamp);
                else
                    finish(result.error(), 0);
            });
        return;
    }
    const QString text = apply ? write.newText : write.oldText.value_or(QString());
    whenFinished(
        registry.updateModelDescription(write.target.modelName, text, expected),
        QCoreApplication::instance(), [finish](const Result<RegisteredModel> &result) {
            if (result)
                finish(std::nullopt, result->lastUpdatedTimestamp);
            else
                finish(result.error(), 0);
        });
}

SetTagCommand::SetTagCommand(Registry *registry, EditReporter *reporter,
                             const EditTarget &target, const QString &key, const QString &value,
                             const std::optional<QString> &previousValue, QUndoCommand *parent)
    : RegistryCommand(registry, reporter,
                      previousValue
                          ? EditText::tr("Set tag %1 of %2").arg(key, target.displayName())
                          : EditText::tr("Add tag %1 to %2").arg(key, target.displayName()),
                      parent)
    , m_target(target)
    , m_key(key)
    , m_value(value)
    , m_previousValue(previousValue)
{}

void SetTagCommand::write(Registry &registry, Step step, Completion done)
{
    const std::optional<QString> value = step == Step::Apply ? std::optional<QString>(m_value)
                                                             : m_previousValue;
    whenDone(writeTag(registry, m_target, m_key, value), std::move(done));
}

DeleteTagCommand::DeleteTagCommand(Registry *registry, EditReporter *reporter,
                                   const EditTarget &target, const QString &key,
                                   const QString &oldValue, QUndoCommand *parent)
    : RegistryCommand(registry, reporter,
                      EditText::tr("Remove tag %1 from %2").arg(key, target.displayName()),
                      parent)
    , m_target(target)
    , m_key(key)
    , m_oldValue(oldValue)
{}

void DeleteTagCommand::write(Registry &registry, Step step, Completion done)
{
    const std::optional<QString> value = step == Step::Apply ? std::nullopt
                                                             : std::optional<QString>(m_oldValue);
    whenDone(writeTag(registry, m_target, m_key, value), std::move(done));
}

SetAliasCommand::SetAliasCommand(Registry *registry, EditReporter *reporter,
                                 const QString &modelName, const QString &alias, qint64 version,
                                 std::optional<qint64> previousVersion, QUndoCommand *parent)
    : RegistryCommand(registry, reporter,
                      previousVersion ? EditText::tr("Move alias %1 of %2 to version %3")
                                            .arg(alias, modelName)
                                            .arg(version)
                                      : EditText::tr("Set alias %1 of %2 to version %3")
                                            .arg(alias, modelName)
                                            .arg(version),
                      parent)
    , m_modelName(modelName)
    , m_alias(alias)
    , m_version(version)
    , m_previousVersion(previousVersion)
{}

void SetAliasCommand::write(Registry &registry, Step step, Completion done)
{
    const std::optional<qint64> version = step == Step::Apply ? std::optional<qint64>(m_version)
                                                              : m_previousVersion;
    whenDone(writeAlias(registry, m_modelName, m_alias, version), std::move(done));
}

DeleteAliasCommand::DeleteAliasCommand(Registry *registry, EditReporter *reporter,
                                       const QString &modelName, const QString &alias,
                                       qint64 version, QUndoCommand *parent)
    : RegistryCommand(registry, reporter,
                      EditText::tr("Remove alias %1 of %2").arg(alias, modelName), parent)
    , m_modelName(modelName)
    , m_alias(alias)
    , m_version(version)
{}

void DeleteAliasCommand::write(Registry &registry, Step step, Completion done)
{
    const std::optional<qint64> version = step == Step::Apply ? std::nullopt
                                                              : std::optional<qint64>(m_version);
    whenDone(writeAlias(registry, m_modelName, m_alias, version), std::move(done));
}

QUndoCommand *createTagEditCommand(Registry *registry, EditReporter *reporter,
                                   const EditTarget &target, const Tag &before, const Tag &after)
{
    if (before.key == after.key) {
        return new SetTagCommand(registry, reporter, target, after.key, after.value,
                                 before.value);
    }
    auto *rename = new QUndoCommand(EditText::tr("Rename tag %1 of %2 to %3")
                                        .arg(before.key, target.displayName(), after.key));
    new DeleteTagCommand(registry, reporter, target, before.key, before.value, rename);
    new SetTagCommand(registry, reporter, target, after.key, after.value, std::nullopt, rename);
    return rename;
}

} // namespace ModelDesk
