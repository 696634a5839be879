#pragma once

#include <QString>

class QColor;
class QPalette;

namespace ModelDesk::Theme {

// View ▸ Theme: "system" leaves the desktop's style and palette, "light" and "dark" use
// the Fusion style with ModelDesk's palettes. Applies to the whole application.
void apply(const QString &theme);
QPalette lightPalette();
QPalette darkPalette();
// The colour a stage is drawn in (charts, lineage badges): Production green, Staging amber,
// Archived grey, None blue.
QColor stageColor(const QString &stage);

} // namespace ModelDesk::Theme
