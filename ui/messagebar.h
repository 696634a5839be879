#pragma once

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace ModelDesk {

// An inline bar at the top of the window for errors, warnings and notices: a message, an
// optional "Details" disclosure with technical text, and a close button (errors and notices
// stay until closed; banners cannot be closed). Owned by the main window; GUI thread.
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Error, Warning, Information };
    enum class Closable { Yes, No };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, const QString &details = {},
                     Closable closable = Closable::Yes);
    // Shows a button beside the message (e.g. "Retry") until the next message; clicking it
    // emits actionTriggered().
    void setActionText(const QString &text);
    QString text() const;
    QString details() const;
    Kind kind() const { return m_kind; }

signals:
    void actionTriggered();

private:
    Kind m_kind = Kind::Information;
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_detailsButton;
    QToolButton *m_actionButton;
    QToolButton *m_closeButton;
    QPlainTextEdit *m_details;
};

} // namespace ModelDesk
