#pragma once

#include "ui/mainwindow.h"

#include <QApplication>
#include <QList>

namespace TestSupport {

// The main windows shown besides `window`: those File ▸ New Window and Open in New Window made.
inline QList<ModelDesk::MainWindow *> windowsOtherThan(const ModelDesk::MainWindow *window)
{
    QList<ModelDesk::MainWindow *> found;
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        auto *other = qobject_cast<ModelDesk::MainWindow *>(widget);
        if (other && other != window && other->isVisible())
            found << other;
    }
    return found;
}

} // namespace TestSupport
