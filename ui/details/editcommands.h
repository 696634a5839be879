#pragma once

#include "registry/registry.h"

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QUndoCommand>

#include <functional>
#include <memory>
#include <optional>

namespace ModelDesk {

// What a description or tag edit applies to: a registered model, or one version of it.
struct EditTarget
{
    QString modelName;
    std::optional<qint64> version; // none: the registered model itself

    // "churn" or "churn version 3", for command texts and messages.
    QString displayName() const;
    bool operator==(const EditTarget &) const = default;
};

// Where edit commands report how their registry writes ended. Commands may outlive the
// page that pushed them (they live on the undo stack), so they hold it by QPointer. Owned
// by the OverviewPage; GUI thread.
class EditReporter : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

signals:
    void failed(const ModelDesk::RegistryError &error);
    void succeeded(const QString &message);
    // A description write succeeded; `lastUpdated` is the entity's new timestamp.
    void descriptionWritten(const ModelDesk::EditTarget &target, qint64 lastUpdated);
};

// An undoable edit whose redo() and undo() write to the Registry asynchronously. The
// writes of one command run one after another, each starting when the previous one has
// answered; a step whose effect is already in place (because the write before it failed) is
// skipped. Failures go to the EditReporter; a command whose first write failed is marked
// obsolete so the undo stack drops it. Lives on a QUndoStack; GUI thread.
class RegistryCommand : public QUndoCommand
{
public:
    ~RegistryCommand() override;

    void redo() final;
    void undo() final;

protected:
    enum class Step { Apply, Revert };

    RegistryCommand(Registry *registry, EditReporter *reporter, const QString &text,
                    QUndoCommand *parent = nullptr);
    // Messages reported when a step succeeds.
    void setMessages(const QString &applied, const QString &reverted);
    using Completion = std::function<void(const Result<Done> &)>;
    // Starts the write that performs `step` and has `done` called with its outcome, on the
    // GUI thread (see whenDone()). What runs later must not use `this`: the command may be
    // deleted before the registry answers.
    virtual void write(Registry &registry, Step step, Completion done) = 0;
    // Calls `done` on the GUI thread once `future` has finished.
    static void whenDone(QFuture<Result<Done>> future, Completion done);

    EditReporter *reporter() const;

private:
    struct State;
    void enqueue(Step step);
    static void runNext(const std::shared_ptr<State> &state);

    std::shared_ptr<State> m_state;
};

// Sets the Markdown description of a model or version. The write carries the timestamp of
// what the user saw, so an edit made over someone else's newer change fails with
// ErrorCode::Conflict instead of overwriting it; undo writes the old text, expecting the
// timestamp of its own write.
class DescriptionCommand final : public RegistryCommand
{
public:
    DescriptionCommand(Registry *registry, EditReporter *reporter, const EditTarget &target,
                       const std::optional<QString> &oldText, const QString &newText,
                       ExpectedTimestamp seen, QUndoCommand *parent = nullptr);

protected:
    void write(Registry &registry, Step step, Completion done) override;

private:
    struct Timestamps
    {
        ExpectedTimestamp beforeApply;  // what the entity had when the new text is written
        ExpectedTimestamp beforeRevert; // what our own write left
    };
    // What a queued write needs; copied so that it outlives the command.
    struct Write
    {
        EditTarget target;
        std::optional<QString> oldText;
        QString newText;
        std::shared_ptr<Timestamps> timestamps;
        QPointer<EditReporter> reporter;
    };
    static void start(Registry &registry, Step step, const QString &key, const Write &write,
                      Completion done);

    EditTarget m_target;
    std::optional<QString> m_oldText;
    QString m_newText;
    std::shared_ptr<Timestamps> m_timestamps;
};

// Sets a tag of a model or version; undo restores the previous value, or deletes the tag
// when the command created it.
class SetTagCommand final : public RegistryCommand
{
public:
    SetTagCommand(Registry *registry, EditReporter *reporter, const EditTarget &target,
                  const QString &key, const QString &value,
                  const std::optional<QString> &previousValue, QUndoCommand *parent = nullptr);

protected:
    void write(Registry &registry, Step step, Completion done) override;

private:
    EditTarget m_target;
    QString m_key;
    QString m_value;
    std::optional<QString> m_previousValue;
};

// Deletes a tag of a model or version; undo sets it again with its old value.
class DeleteTagCommand final : public RegistryCommand
{
public:
    DeleteTagCommand(Registry *registry, EditReporter *reporter, const EditTarget &target,
                     const QString &key, const QString &oldValue, QUndoCommand *parent = nullptr);

protected:
    void write(Registry &registry, Step step, Completion done) override;

private:
    EditTarget m_target;
    QString m_key;
    QString m_oldValue;
};

// Points an alias of a model at a version (creating or moving it); undo points it back at
// its previous version, or deletes it when the command created it.
class SetAliasCommand final : public RegistryCommand
{
public:
    SetAliasCommand(Registry *registry, EditReporter *reporter, const QString &modelName,
                    const QString &alias, qint64 version,
                    std::optional<qint64> previousVersion, QUndoCommand *parent = nullptr);

protected:
    void write(Registry &registry, Step step, Completion done) override;

private:
    QString m_modelName;
    QString m_alias;
    qint64 m_version;
    std::optional<qint64> m_previousVersion;
};

// Deletes an alias of a model; undo points it at the version it had.
class DeleteAliasCommand final : public RegistryCommand
{
public:
    DeleteAliasCommand(Registry *registry, EditReporter *reporter, const QString &modelName,
                       const QString &alias, qint64 version, QUndoCommand *parent = nullptr);

protected:
    void write(Registry &registry, Step step, Completion done) override;

private:
    QString m_modelName;
    QString m_alias;
    qint64 m_version;
};

// The command for a tag edited in a table from `before` to `after`: a value change is one
// SetTagCommand; a changed key deletes the old key and sets the new one, as one undo step.
QUndoCommand *createTagEditCommand(Registry *registry, EditReporter *reporter,
                                   const EditTarget &target, const Tag &before,
                                   const Tag &after);

} // namespace ModelDesk

Q_DECLARE_METATYPE(ModelDesk::EditTarget)
