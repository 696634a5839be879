#pragma once

#include <QString>

class QPalette;

namespace ModelDesk::Theme {

// View ▸ Theme: "system" leaves the desktop's style and palette, "light" and "dark" use
// the Fusion style with ModelDesk's palettes. Applies to the whole application.
void apply(const QString &theme);
QPalette lightPalette();
QPalette darkPalette();

} // namespace ModelDesk::Theme
