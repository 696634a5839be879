// The main window's guard for unsaved description edits: before closing the registry or the
// window, the user chooses to save them, discard them, or stay.
#include "registry/whenfinished.h"
#include "ui/mainwindow.h"

#include "ui/details/detailspane.h"
#include "ui/details/overviewpage.h"

#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

#include <memory>

namespace ModelDesk {

void MainWindow::whenEditsSettled(const QString &what, const std::function<void()> &then)
{
    if (m_details && m_details->overview()->isSavingDescription()) {
        // A save is under way: its answer decides whether anything is left unsaved.
        statusBar()->showMessage(tr("Waiting for the description to be saved…"));
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_details->overview(), &OverviewPage::descriptionSaveFinished, this,
                              [this, what, then, connection] {
                                  disconnect(*connection);
                                  statusBar()->clearMessage();
                                  whenEditsSettled(what, then);
                              });
        return;
    }
    const QList<OverviewPage::UnsavedDescription> unsaved
        = m_details ? m_details->overview()->unsavedDescriptions()
                    : QList<OverviewPage::UnsavedDescription>{};
    if (unsaved.isEmpty() || !m_registry) {
        then();
        return;
    }
    QStringList names;
    for (const auto &edit : unsaved)
        names << edit.target.displayName();
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Description"),
                    unsaved.size() == 1
                        ? tr("The description of %1 has changes that are not saved.")
                              .arg(names.first())
                        : tr("The descriptions of %1 have changes that are not saved.")
                              .arg(names.join(QStringLiteral(", "))),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedDescriptionBox"));
    box.setInformativeText(tr("Save before you %1?").arg(what.toLower()));
    box.setDefaultButton(QMessageBox::Save);
    box.setEscapeButton(QMessageBox::Cancel);
    const int answer = box.exec();
    if (answer == QMessageBox::Cancel)
        return;
    if (answer == QMessageBox::Discard) {
        if (m_details)
            m_details->overview()->discardUnsavedDescriptions();
        then();
        return;
    }

    // Save every edit, each checked against the description it started from; `then` runs
    // only when all of them are in the registry.
    struct Saving
    {
        int left = 0;
        bool failed = false;
    };
    auto saving = std::make_shared<Saving>();
    saving->left = int(unsaved.size());
    statusBar()->showMessage(tr("Saving %n description(s)…", nullptr, int(unsaved.size())));
    const quint64 generation = m_openGeneration;
    auto finished = [this, saving, then, generation](const EditTarget &target,
                                                      const std::optional<RegistryError> &error) {
        if (generation != m_openGeneration)
            return; // the registry was closed meanwhile
        if (error) {
            saving->failed = true;
            showError(*error, tr("Saving the description of %1").arg(target.displayName()));
        } else if (m_details) {
            // Saved: asking again (after another one failed) must not save it twice.
            m_details->overview()->dropUnsavedDescription(target);
        }
        if (--saving->left > 0)
            return;
        if (saving->failed) {
            statusBar()->showMessage(tr("Not closed: a description could not be saved; your "
                                        "text is still in the editor."),
                                     8000);
            return;
        }
        statusBar()->clearMessage();
        if (m_details)
            m_details->overview()->discardUnsavedDescriptions();
        then();
    };
    for (const auto &edit : unsaved) {
        const EditTarget target = edit.target;
        if (target.version) {
            whenFinished(m_registry->updateVersionDescription(target.modelName, *target.version,
                                                              edit.text, edit.expected),
                         this, [finished, target](const Result<ModelVersion> &result) {
                             finished(target, result ? std::nullopt
                                                     : std::optional(result.error()));
                         });
        } else {
            whenFinished(m_registry->updateModelDescription(target.modelName, edit.text,
                                                            edit.expected),
                         this, [finished, target](const Result<RegisteredModel> &result) {
                             finished(target, result ? std::nullopt
                                                     : std::optional(result.error()));
                         });
        }
    }
}

} // namespace ModelDesk
