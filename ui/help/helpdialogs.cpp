#include "ui/help/helpdialogs.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QStyle>
#include <QSysInfo>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ModelDesk {

QString problemReportText(const ProblemContext &context)
{
    QStringList lines;
    lines << QApplication::translate("ModelDesk::ProblemReportDialog", "## What happened")
          << QString()
          << QApplication::translate("ModelDesk::ProblemReportDialog",
                                     "(What you did, what you expected, what you saw.)")
          << QString()
          << QApplication::translate("ModelDesk::ProblemReportDialog", "## How to repeat it")
          << QString() << QStringLiteral("1. ") << QString()
          << QApplication::translate("ModelDesk::ProblemReportDialog", "## Environment")
          << QString();
    const QString version = QApplication::applicationVersion();
    lines << QStringLiteral("- ModelDesk %1")
                 .arg(version.isEmpty() ? QStringLiteral("(version not set)") : version);
    lines << QStringLiteral("- Qt %1 (built with %2)").arg(QString::fromLatin1(qVersion()),
                                                           QStringLiteral(QT_VERSION_STR));
    lines << QStringLiteral("- %1, kernel %2 %3, %4")
                 .arg(QSysInfo::prettyProductName(), QSysInfo::kernelType(),
                      QSysInfo::kernelVersion(), QSysInfo::currentCpuArchitecture());
    lines << QStringLiteral("- Platform plugin %1, style %2")
                 .arg(QGuiApplication::platformName(),
                      QApplication::style() ? QApplication::style()->name() : QString());
    if (const QScreen *screen = QGuiApplication::primaryScreen()) {
        lines << QStringLiteral("- Screen %1×%2 at %3 dpi, scale %4")
                     .arg(screen->size().width())
                     .arg(screen->size().height())
                     .arg(qRound(screen->logicalDotsPerInch()))
                     .arg(screen->devicePixelRatio());
    }
    lines << QStringLiteral("- Locale %1").arg(QLocale().name());
    if (!context.registryKind.isEmpty()) {
        QString registry = QStringLiteral("- Registry: %1").arg(context.registryKind);
        if (!context.backendVersion.isEmpty())
            registry += QStringLiteral(" (%1)").arg(context.backendVersion);
        if (context.readOnly)
            registry += QStringLiteral(", read-only");
        lines << registry;
    } else {
        lines << QStringLiteral("- Registry: none open");
    }
    return lines.join(QLatin1Char('\n'));
}

UserGuideDialog::UserGuideDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("userGuideDialog"));
    setWindowTitle(tr("ModelDesk Help"));
    auto *browser = new QTextBrowser(this);
    browser->setObjectName(QStringLiteral("userGuideText"));
    browser->setOpenExternalLinks(true);
    QFile guide(QStringLiteral(":/modeldesk/help/user-guide.md"));
    if (guide.open(QIODevice::ReadOnly))
        browser->setMarkdown(QString::fromUtf8(guide.readAll()));
    else
        browser->setPlainText(tr("The user guide is missing from this build."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(browser, 1);
    layout->addWidget(buttons);
    resize(640, 640);
}

ProblemReportDialog::ProblemReportDialog(const ProblemContext &context, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("problemReportDialog"));
    setWindowTitle(tr("Report a Problem"));
    auto *intro = new QLabel(tr("Copy this text into your problem report and fill in the "
                                "first two sections. It names no server, file or user, and "
                                "no credentials."),
                             this);
    intro->setWordWrap(true);
    auto *text = new QPlainTextEdit(problemReportText(context), this);
    text->setObjectName(QStringLiteral("problemReportText"));
    text->setReadOnly(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyReportButton"));
    copy->setToolTip(tr("Copy the report to the clipboard"));
    connect(copy, &QPushButton::clicked, this,
            [text] { QGuiApplication::clipboard()->setText(text->toPlainText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    resize(560, 420);
}

} // namespace ModelDesk
