#pragma once

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;

namespace ModelDesk {

// Two read-only texts side by side, the old value on the left and the new one on the right,
// their lines aligned by a line diff (diffLines()) with removed lines tinted red on the left,
// added lines green on the right and changed lines amber on both; the two scroll together.
// Shows a description change of a registry comparison, or any other change's two values.
// GUI thread; owned by its parent.
class ValueDiffView : public QWidget
{
    Q_OBJECT
public:
    explicit ValueDiffView(QWidget *parent = nullptr);

    // `oldTitle` and `newTitle` head the two sides ("Old — in A: snapshot.db"); an unset
    // value shows as "(none)".
    void setValues(const QString &oldTitle,
                   const std::optional<QString> &oldValue,
                   const QString &newTitle,
                   const std::optional<QString> &newValue);
    // Empties both sides, which then say `hint`.
    void clear(const QString &hint);

    QString oldText() const;
    QString newText() const;
    // The lines marked as differing on each side (0-based block numbers of the shown text).
    QList<int> markedOldLines() const;
    QList<int> markedNewLines() const;

private:
    QLabel *m_oldTitle;
    QLabel *m_newTitle;
    QPlainTextEdit *m_old;
    QPlainTextEdit *m_new;
};

} // namespace ModelDesk
