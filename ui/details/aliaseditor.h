#pragma once

#include "registry/types.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ModelDesk {

// The aliases of a registered model. For a model: every alias and the version it points to
// (read-only). For a version: its aliases as chips with a remove button, and an "Add alias…"
// field checked as the user types with MLflow's rules (reserved names refused). Adding an
// alias that points at another version moves it, after a confirmation that says so. It
// writes nothing itself: it emits setAliasRequested / deleteAliasRequested. Owned by the
// OverviewPage; GUI thread.
class AliasEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AliasEditor(QWidget *parent = nullptr);

    // Every alias of a model, read-only.
    void showModelAliases(const QList<Alias> &aliases);
    // The aliases of `version`, editable; `modelAliases` are all the model's aliases.
    void showVersionAliases(const QList<Alias> &modelAliases, qint64 version);
    // Hides the field and the remove buttons.
    void setReadOnly(bool readOnly);
    // Puts the keyboard focus in the new-alias field.
    void focusInput();

    // The aliases shown for the version (empty in model mode).
    QStringList versionAliases() const;

signals:
    // `previousVersion` is the version the alias points to now, if any (a move).
    void setAliasRequested(const QString &alias, qint64 version,
                           std::optional<qint64> previousVersion);
    void deleteAliasRequested(const QString &alias, qint64 version);

private:
    std::optional<qint64> currentTarget(const QString &alias) const;
    void rebuildChips();
    void validate();
    void add();

    QList<Alias> m_aliases;
    qint64 m_version = 0; // 0: model mode
    bool m_readOnly = false;

    QLabel *m_modelList;
    QWidget *m_versionPart;
    QWidget *m_chips;
    QLabel *m_noAliasesLabel;
    QWidget *m_inputRow;
    QLineEdit *m_input;
    QPushButton *m_addButton;
    QLabel *m_message;
};

} // namespace ModelDesk
