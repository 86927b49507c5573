#pragma once

#include "rowlistmodel.h"

#include <QtQml/qqmlregistration.h>

namespace scoreboard::console {

/// @brief One audit log entry (`admin.audit`).
struct AuditEntry
{
    qint64 id = 0;
    QString at;
    qint64 staffId = 0;
    QString action; ///< flag, approve, reverse, suspend, unsuspend
    QString target; ///< e.g. increment:42, flag:7, user:3
    QString reason;
    friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
};

/**
 * @brief The audit log (newest first) as a list model, narrowed by `filterText` (matched,
 * case-insensitively, against action, target, reason and staff id). toCsv() exports the rows
 * shown as RFC 4180 CSV.
 */
class AuditModel : public scoreboard::app::RowListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the audit log comes from a ConsoleSession")
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        AtRole,
        StaffIdRole,
        ActionRole,
        TargetRole,
        ReasonRole,
    };
    Q_ENUM(Role)

    explicit AuditModel(QObject *parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    /// @brief Replaces every entry (an `admin.audit` reply's `entries`).
    void reset(const QList<AuditEntry> &entries);
    const QList<AuditEntry> &entries() const { return m_all; }

    /// @brief The rows shown, with a header line, as RFC 4180 CSV (CRLF line ends; fields with
    /// commas, quotes or line breaks quoted, quotes doubled).
    Q_INVOKABLE QString toCsv() const;
    /// @brief One CSV field, quoted when it needs to be.
    static QString csvField(const QString &value);

signals:
    void filterTextChanged();

protected:
    int size() const override { return int(m_shown.size()); }
    QVariant value(int row, int role) const override;

private:
    bool accepts(const AuditEntry &entry) const;
    void rebuild();

    QList<AuditEntry> m_all;
    QList<AuditEntry> m_shown;
    QString m_filterText;
};

} // namespace scoreboard::console
