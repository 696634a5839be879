#include "ui/snapshot/snapshotdialog.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace ModelDesk {

namespace {

const QString FolderKey = QStringLiteral("snapshot/folder");
const QString ArtifactsKey = QStringLiteral("snapshot/artifacts");
const QString MaxSizeKey = QStringLiteral("snapshot/maxArtifactMegabytes");

// "churn-registry-snapshot-2026-12-04-1015.db" for the registry at `location`.
QString suggestedName(const QString &location)
{
    QString base;
    const QUrl url(location);
    if (location.contains(QLatin1String("://")) && !url.host().isEmpty())
        base = url.host();
    else
        base = QFileInfo(location).completeBaseName();
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    if (base.isEmpty())
        base = QStringLiteral("registry");
    return QStringLiteral("%1-snapshot-%2.db")
        .arg(base, QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd-HHmm")));
}

} // namespace

SnapshotDialog::SnapshotDialog(Registry *registry, QWidget *parent)
    : QDialog(parent)
    , m_registry(registry)
    , m_path(new QLineEdit)
    , m_browse(new QPushButton(tr("Browse…")))
    , m_artifacts(new QCheckBox(tr("Keep small &artifacts (MLmodel, signatures, files up to)")))
    , m_maxSize(new QSpinBox)
    , m_what(new QLabel)
    , m_progress(new QProgressBar)
    , m_status(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("Take Snapshot"));
    setObjectName(QStringLiteral("snapshotDialog"));
    QSettings settings;
    const QString folder
        = settings
              .value(FolderKey, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .toString();
    m_path->setObjectName(QStringLiteral("snapshotPath"));
    m_path->setText(
        QDir(folder).filePath(suggestedName(registry ? registry->location() : QString())));
    m_path->setToolTip(tr("The new file; an existing file is never replaced."));
    m_path->setMinimumWidth(420);
    connect(m_browse, &QPushButton::clicked, this, &SnapshotDialog::browse);
    m_artifacts->setObjectName(QStringLiteral("snapshotArtifacts"));
    m_artifacts->setChecked(settings.value(ArtifactsKey, false).toBool());
    m_artifacts->setToolTip(tr("Also keep the files the versions' runs logged, up to the size "
                               "given, so the snapshot shows them offline."));
    m_maxSize->setRange(1, 1024);
    m_maxSize->setSuffix(tr(" MB"));
    m_maxSize->setValue(settings.value(MaxSizeKey, 1).toInt());
    m_maxSize->setEnabled(m_artifacts->isChecked());
    connect(m_artifacts, &QCheckBox::toggled, m_maxSize, &QWidget::setEnabled);

    m_what->setWordWrap(true);
    m_what->setText(
        tr("A snapshot is an MLflow SQLite store of <b>%1</b> as it is now: every model and "
           "version with tags, aliases and descriptions; the runs they come from with params, "
           "every metric point and datasets; approvals and history. It opens read-only, "
           "offline, and MLflow can serve it.")
            .arg((registry ? registry->location() : QString()).toHtmlEscaped()));
    m_progress->setObjectName(QStringLiteral("snapshotProgress"));
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_status->setObjectName(QStringLiteral("snapshotStatus"));
    m_status->setWordWrap(true);
    m_status->hide();

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Take Snapshot"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SnapshotDialog::start);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SnapshotDialog::reject);

    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto *artifactRow = new QHBoxLayout;
    artifactRow->addWidget(m_artifacts);
    artifactRow->addWidget(m_maxSize);
    artifactRow->addStretch(1);
    auto *form = new QFormLayout;
    auto *fileLabel = new QLabel(tr("&File:"));
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, pathRow);
    form->addRow(QString(), artifactRow);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_what);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
}

SnapshotDialog::~SnapshotDialog() = default;

QString SnapshotDialog::path() const
{
    return m_path->text().trimmed();
}

void SnapshotDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

void SnapshotDialog::browse()
{
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Save Snapshot As"), path(), tr("MLflow SQLite stores (*.db);;All files (*)"));
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

void SnapshotDialog::accept()
{
    start();
}

void SnapshotDialog::start()
{
    if (m_job)
        return;
    if (!m_registry) {
        m_status->setText(tr("The registry was closed."));
        m_status->show();
        return;
    }
    const QString file = path();
    if (file.isEmpty()) {
        m_status->setText(tr("Choose where to save the snapshot."));
        m_status->show();
        return;
    }
    if (QFileInfo::exists(file)) {
        m_status->setText(
            tr("%1 already exists; a snapshot is only written to a new file.").arg(file));
        m_status->show();
        return;
    }
    QSettings settings;
    settings.setValue(FolderKey, QFileInfo(file).absolutePath());
    settings.setValue(ArtifactsKey, m_artifacts->isChecked());
    settings.setValue(MaxSizeKey, m_maxSize->value());

    SnapshotOptions options;
    options.artifacts = m_artifacts->isChecked();
    options.maxArtifactBytes = qint64(m_maxSize->value()) * 1024 * 1024;
    m_job = new SnapshotJob(m_registry, file, options, this);
    connect(m_job, &SnapshotJob::progress, this, &SnapshotDialog::onProgress);
    connect(m_job, &SnapshotJob::finished, this, &SnapshotDialog::onFinished);
    setRunning(true);
    m_status->setText(tr("Starting…"));
    m_job->start();
}

void SnapshotDialog::reject()
{
    if (m_job) {
        // Stops the copy; finished() follows with CANCELLED and closes the dialog.
        m_status->setText(tr("Cancelling…"));
        m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(false);
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

void SnapshotDialog::onProgress(const SnapshotProgress &progress)
{
    m_progress->setRange(0, qMax(1, progress.steps));
    m_progress->setValue(qMax(0, progress.stepIndex - 1));
    m_progress->setFormat(
        tr("%1 (%2 of %3)").arg(progress.step).arg(progress.stepIndex).arg(progress.steps));
    const QLocale locale;
    m_status->setText(
        tr("%1 items copied, %2 written")
            .arg(locale.toString(progress.items), locale.formattedDataSize(progress.bytes)));
}

void SnapshotDialog::onFinished(const Result<SnapshotInfo> &result)
{
    m_job->deleteLater();
    m_job = nullptr;
    setRunning(false);
    if (result) {
        m_info = *result;
        emit snapshotTaken(path(), m_info);
        QDialog::accept();
        return;
    }
    if (result.error().code() == ErrorCode::Cancelled) {
        QDialog::reject();
        return;
    }
    m_progress->hide();
    m_status->setText(tr("<b>The snapshot failed:</b> %1 Nothing was written.")
                          .arg(result.error().message().toHtmlEscaped()));
    m_status->setToolTip(result.error().detail());
}

void SnapshotDialog::setRunning(bool running)
{
    m_path->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_artifacts->setEnabled(!running);
    m_maxSize->setEnabled(!running && m_artifacts->isChecked());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!running);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(true);
    m_progress->setVisible(running);
    m_status->setVisible(true);
    if (running) {
        m_progress->setRange(0, 0);
        m_progress->setFormat(tr("Starting…"));
    }
    // Room for the progress and the status under the form, never squeezing the text above.
    adjustSize();
}

} // namespace ModelDesk
