#pragma once

#include "models/registrydiff/registrydiffmodel.h"

#include <QSortFilterProxyModel>

namespace ModelDesk {

// Narrows a RegistryDiffModel to the changes whose kind is among the chosen groups and whose
// model name, version, key, old or new value contains the text (case-insensitive); a model's
// row stays while one of its changes does. GUI thread.
class RegistryDiffFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RegistryDiffFilter(QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    void setGroups(ChangeGroups groups);
    ChangeGroups groups() const { return m_groups; }
    // The changes the filter lets through, in the source's order.
    QList<RegistryChange> shownChanges() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    ChangeGroups m_groups;
};

} // namespace ModelDesk
