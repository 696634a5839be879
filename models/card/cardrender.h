#pragma once

#include "registry/card/modelcard.h"

#include <QString>

class QTextDocument;

// A model card rendered from its Markdown (Card::toMarkdown) with QTextDocument: as an HTML
// page or a PDF (QPdfWriter, A4). Needs a QGuiApplication (fonts); GUI thread.
namespace ModelDesk::CardRender {

// Fills `document` with the card (also what the Model Card tab shows).
void fill(QTextDocument &document, const Card::ModelCard &card);
QString toHtml(const Card::ModelCard &card);
// Writes the PDF to `path` (replaced only once complete); false with the reason.
bool writePdf(const Card::ModelCard &card, const QString &path, QString *error);

} // namespace ModelDesk::CardRender
