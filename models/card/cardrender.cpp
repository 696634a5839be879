#include "models/card/cardrender.h"

#include <QCoreApplication>
#include <QDir>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace ModelDesk::CardRender {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ModelDesk::CardRender", text);
}

const char *const StyleSheet = "table { border-collapse: collapse; margin: 4px 0; }"
                               "th, td { border: 1px solid #999; padding: 3px 6px; }"
                               "th { background: #e8e8e8; }"
                               "h1 { font-size: x-large; } h2 { font-size: large; }";

} // namespace

void fill(QTextDocument &document, const Card::ModelCard &card)
{
    document.setDefaultStyleSheet(QString::fromLatin1(StyleSheet));
    document.setMarkdown(Card::toMarkdown(card));
    document.setMetaInformation(QTextDocument::DocumentTitle,
                                tr("Model card: %1 version %2").arg(card.model).arg(card.version));
}

QString toHtml(const Card::ModelCard &card)
{
    QTextDocument document;
    fill(document, card);
    return document.toHtml();
}

bool writePdf(const Card::ModelCard &card, const QString &path, QString *error)
{
    // QPdfWriter writes in place; write beside the target and rename once complete.
    QSaveFile target(path);
    if (!target.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path),
                                                      target.errorString());
        return false;
    }
    {
        QPdfWriter writer(&target);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
        writer.setTitle(tr("Model card: %1 version %2").arg(card.model).arg(card.version));
        writer.setCreator(QStringLiteral("ModelDesk"));
        QTextDocument document;
        fill(document, card);
        document.print(&writer);
    }
    if (!target.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path),
                                                      target.errorString());
        return false;
    }
    return true;
}

} // namespace ModelDesk::CardRender
