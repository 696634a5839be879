#pragma once

#include <Qt>

namespace ModelDesk {

// Item data roles shared by every model of the project.
enum Roles {
    SortRole = Qt::UserRole + 1, // raw value for sorting (numbers, timestamps)
    ModelNameRole,               // QString: registered model name
    VersionNumberRole,           // qint64: model version number
    StageRole,                   // QString: canonical stage
    RawValueRole,                // unformatted value of a cell
    DiffersRole,                 // bool: the row's values differ between the columns
    ApprovalRole,                // QString: "unapproved", "requested" or empty (versions)
    ChangeKindRole,              // int: RegistryChange::Kind of a comparison's row, else unset
};

} // namespace ModelDesk
