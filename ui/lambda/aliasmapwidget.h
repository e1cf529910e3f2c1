#pragma once

#include "core/aws/lambdaclient.h"

#include <QWidget>

#include <optional>

namespace Gatehouse::Ui {

// Draws a function's aliases as arrows to the versions they point at, each arrow as thick as
// its share of the traffic, with a weight bar per alias (e.g. live → v1 90 % / v2 10 %). A
// pending change (a traffic shift not yet applied) is drawn dashed beside what is live.
class AliasMapWidget : public QWidget
{
    Q_OBJECT

public:
    explicit AliasMapWidget(QWidget *parent = nullptr);

    void setVersions(const QStringList &versions);
    void setAliases(const QList<Core::Aws::LambdaAliasConfiguration> &aliases);
    // Shows `alias` in place of the live alias of the same name, marked as a preview.
    void setPreview(const std::optional<Core::Aws::LambdaAliasConfiguration> &alias);
    std::optional<Core::Aws::LambdaAliasConfiguration> preview() const { return m_preview; }

    QString selectedAlias() const { return m_selected; }
    void setSelectedAlias(const QString &name);

    // One line per alias, as drawn: "live → v1 90 % / v2 10 %" (preview lines end in "(preview)").
    QStringList describe() const;
    // "v1 90 % / v2 10 %" for one alias.
    // "v3" for a published version, "$LATEST" as it is.
    static QString versionLabel(const QString &version);
    static QString splitText(const Core::Aws::LambdaAliasConfiguration &alias);
    // The share of each version an alias sends traffic to; primary first.
    static QList<QPair<QString, double>> shares(const Core::Aws::LambdaAliasConfiguration &alias);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void aliasSelected(const QString &name);
    void aliasActivated(const QString &name); // double click

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    struct Row
    {
        Core::Aws::LambdaAliasConfiguration alias;
        bool preview = false;
    };
    QList<Row> rows() const;
    QRectF aliasRect(int row) const;
    QRectF versionRect(int index) const;
    QString aliasAt(const QPointF &point) const;
    void updateAccessibleText();

    QStringList m_versions;
    QList<Core::Aws::LambdaAliasConfiguration> m_aliases;
    std::optional<Core::Aws::LambdaAliasConfiguration> m_preview;
    QString m_selected;
};

} // namespace Gatehouse::Ui
