#include "aliasmapwidget.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace Gatehouse::Ui {

namespace {

constexpr qreal Margin = 12;
constexpr qreal AliasWidth = 170;
constexpr qreal VersionWidth = 110;
constexpr qreal Gap = 120; // room for the arrows between the two columns
constexpr qreal AliasHeight = 54;
constexpr qreal VersionHeight = 30;
constexpr qreal RowSpacing = 12;

// Primary and additional version: the same two colours in the bars and on the arrows.
const QColor PrimaryColour(0x1a, 0x73, 0xe8);
const QColor AdditionalColour(0xe3, 0x74, 0x00);

QString percent(double weight)
{
    // One decimal only when it matters: 90 %, 12.5 %.
    const double value = weight * 100.0;
    const bool whole = std::abs(value - std::round(value)) < 0.05;
    return AliasMapWidget::tr("%1 %").arg(QLocale().toString(value, 'f', whole ? 0 : 1));
}

} // namespace

AliasMapWidget::AliasMapWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("aliasMap"));
    setAccessibleName(tr("Aliases and the versions they point at"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setFocusPolicy(Qt::StrongFocus);
}

QList<QPair<QString, double>> AliasMapWidget::shares(const Core::Aws::LambdaAliasConfiguration &alias)
{
    double additional = 0;
    for (auto it = alias.additionalVersionWeights.cbegin(); it != alias.additionalVersionWeights.cend(); ++it)
        additional += it.value();
    QList<QPair<QString, double>> result{{alias.functionVersion, std::max(0.0, 1.0 - additional)}};
    for (auto it = alias.additionalVersionWeights.cbegin(); it != alias.additionalVersionWeights.cend(); ++it)
        result.append({it.key(), it.value()});
    return result;
}

QString AliasMapWidget::versionLabel(const QString &version)
{
    bool numeric = false;
    (void)version.toInt(&numeric);
    return numeric ? QStringLiteral("v") + version : version;
}

QString AliasMapWidget::splitText(const Core::Aws::LambdaAliasConfiguration &alias)
{
    QStringList parts;
    for (const auto &[version, weight] : shares(alias))
        parts.append(QStringLiteral("%1 %2").arg(versionLabel(version), percent(weight)));
    return parts.join(QStringLiteral(" / "));
}

void AliasMapWidget::setVersions(const QStringList &versions)
{
    m_versions = versions;
    updateGeometry();
    updateAccessibleText();
    update();
}

void AliasMapWidget::setAliases(const QList<Core::Aws::LambdaAliasConfiguration> &aliases)
{
    m_aliases = aliases;
    const bool selectedExists = std::any_of(aliases.cbegin(), aliases.cend(),
                                            [this](const auto &alias) { return alias.name == m_selected; });
    if (!selectedExists)
        m_selected = aliases.isEmpty() ? QString() : aliases.first().name;
    updateGeometry();
    updateAccessibleText();
    update();
}

void AliasMapWidget::setPreview(const std::optional<Core::Aws::LambdaAliasConfiguration> &alias)
{
    m_preview = alias;
    updateGeometry();
    updateAccessibleText();
    update();
}

void AliasMapWidget::setSelectedAlias(const QString &name)
{
    if (name == m_selected)
        return;
    m_selected = name;
    update();
    emit aliasSelected(name);
}

QList<AliasMapWidget::Row> AliasMapWidget::rows() const
{
    QList<Row> rows;
    bool previewPlaced = false;
    for (const auto &alias : m_aliases) {
        rows.append({alias, false});
        if (m_preview && m_preview->name == alias.name) {
            rows.append({*m_preview, true});
            previewPlaced = true;
        }
    }
    if (m_preview && !previewPlaced)
        rows.append({*m_preview, true});
    return rows;
}

QStringList AliasMapWidget::describe() const
{
    QStringList lines;
    for (const Row &row : rows()) {
        QString line = QStringLiteral("%1 → %2").arg(row.alias.name, splitText(row.alias));
        if (row.preview)
            line += QStringLiteral(" (preview)");
        lines.append(line);
    }
    return lines;
}

void AliasMapWidget::updateAccessibleText()
{
    const QStringList lines = describe();
    setAccessibleDescription(lines.isEmpty() ? tr("This function has no aliases.") : lines.join(QLatin1Char('\n')));
    setToolTip(accessibleDescription());
}

QRectF AliasMapWidget::aliasRect(int row) const
{
    return {Margin, Margin + 22 + row * (AliasHeight + RowSpacing), AliasWidth, AliasHeight};
}

QRectF AliasMapWidget::versionRect(int index) const
{
    return {Margin + AliasWidth + Gap, Margin + 22 + index * (VersionHeight + RowSpacing), VersionWidth, VersionHeight};
}

QSize AliasMapWidget::sizeHint() const
{
    const qsizetype aliasRows = std::max<qsizetype>(1, rows().size());
    const qreal aliasesHeight = aliasRect(int(aliasRows - 1)).bottom();
    const qreal versionsHeight = versionRect(int(std::max<qsizetype>(1, m_versions.size()) - 1)).bottom();
    return QSize(int(Margin * 2 + AliasWidth + Gap + VersionWidth), int(std::max(aliasesHeight, versionsHeight) + Margin));
}

QSize AliasMapWidget::minimumSizeHint() const
{
    return QSize(int(Margin * 2 + AliasWidth + Gap + VersionWidth), int(aliasRect(0).bottom() + Margin));
}

QString AliasMapWidget::aliasAt(const QPointF &point) const
{
    const QList<Row> all = rows();
    for (int row = 0; row < all.size(); ++row)
        if (!all.at(row).preview && aliasRect(row).contains(point))
            return all.at(row).alias.name;
    return {};
}

void AliasMapWidget::mousePressEvent(QMouseEvent *event)
{
    const QString name = aliasAt(event->position());
    if (!name.isEmpty())
        setSelectedAlias(name);
    QWidget::mousePressEvent(event);
}

void AliasMapWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QString name = aliasAt(event->position());
    if (!name.isEmpty())
        emit aliasActivated(name);
}

void AliasMapWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor muted = pal.color(QPalette::PlaceholderText);
    const QColor base = pal.color(QPalette::Base);
    const QFontMetricsF metrics(font());

    QFont heading = font();
    heading.setBold(true);
    painter.setFont(heading);
    painter.setPen(muted);
    painter.drawText(QPointF(Margin, Margin + 12), tr("Aliases"));
    painter.drawText(QPointF(Margin + AliasWidth + Gap, Margin + 12), tr("Versions"));
    painter.setFont(font());

    const QList<Row> all = rows();
    if (all.isEmpty()) {
        painter.setPen(muted);
        painter.drawText(aliasRect(0).adjusted(0, 0, Gap, 0), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                         tr("No aliases yet. Create one to give callers a stable name for a version."));
    }

    // Versions column.
    for (int i = 0; i < m_versions.size(); ++i) {
        const QRectF box = versionRect(i);
        painter.setPen(QPen(muted, 1));
        painter.setBrush(base);
        painter.drawRoundedRect(box, 5, 5);
        painter.setPen(text);
        const QString label = m_versions.at(i) == QLatin1String("$LATEST") ? m_versions.at(i)
                                                                            : tr("Version %1").arg(m_versions.at(i));
        painter.drawText(box, Qt::AlignCenter, label);
    }

    for (int row = 0; row < all.size(); ++row) {
        const Row &entry = all.at(row);
        const QRectF box = aliasRect(row);
        const bool selected = !entry.preview && entry.alias.name == m_selected;
        QPen border(selected ? pal.color(QPalette::Highlight) : muted, selected ? 2.5 : 1);
        if (entry.preview)
            border.setStyle(Qt::DashLine);
        painter.setPen(border);
        painter.setBrush(base);
        painter.drawRoundedRect(box, 6, 6);

        QFont nameFont = font();
        nameFont.setBold(true);
        painter.setFont(nameFont);
        painter.setPen(text);
        const QString title = entry.preview ? tr("%1 (preview)").arg(entry.alias.name) : entry.alias.name;
        painter.drawText(box.adjusted(8, 4, -8, 0), Qt::AlignLeft | Qt::AlignTop,
                         metrics.elidedText(title, Qt::ElideRight, box.width() - 16));
        painter.setFont(font());

        // The weight bar: one segment per version, in the arrows' colours.
        const QList<QPair<QString, double>> split = shares(entry.alias);
        QRectF bar(box.left() + 8, box.top() + 24, box.width() - 16, 9);
        qreal x = bar.left();
        for (int s = 0; s < split.size(); ++s) {
            const qreal width = bar.width() * split.at(s).second;
            painter.setPen(Qt::NoPen);
            painter.setBrush(s == 0 ? PrimaryColour : AdditionalColour);
            painter.drawRect(QRectF(x, bar.top(), width, bar.height()));
            x += width;
        }
        painter.setPen(muted);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(bar);
        painter.setPen(text);
        painter.drawText(QRectF(bar.left(), bar.bottom() + 1, bar.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(splitText(entry.alias), Qt::ElideRight, bar.width()));

        // Arrows to the versions, as thick as their share.
        for (int s = 0; s < split.size(); ++s) {
            const qsizetype target = m_versions.indexOf(split.at(s).first);
            if (target < 0)
                continue;
            const QRectF to = versionRect(int(target));
            const QPointF start(box.right(), box.center().y() + (s == 0 ? -6 : 6));
            const QPointF end(to.left() - 2, to.center().y());
            QPainterPath path(start);
            path.cubicTo(QPointF(start.x() + Gap * 0.5, start.y()), QPointF(end.x() - Gap * 0.5, end.y()), end);
            QPen pen(s == 0 ? PrimaryColour : AdditionalColour, 1.5 + 5.0 * split.at(s).second);
            pen.setCapStyle(Qt::FlatCap);
            if (entry.preview)
                pen.setStyle(Qt::DashLine);
            painter.setPen(pen);
            painter.setBrush(Qt::NoBrush);
            painter.drawPath(path);
            QPolygonF head;
            head << end << QPointF(end.x() - 9, end.y() - 5) << QPointF(end.x() - 9, end.y() + 5);
            painter.setPen(Qt::NoPen);
            painter.setBrush(pen.color());
            painter.drawPolygon(head);
            // Near the alias, where an alias's arrows have not yet met other aliases' arrows.
            const QPointF middle = path.pointAtPercent(0.22);
            const QString label = percent(split.at(s).second);
            const QRectF labelRect(middle.x() - 26, middle.y() - 9, 52, 18);
            painter.setBrush(base);
            painter.drawRoundedRect(labelRect, 4, 4);
            painter.setPen(pen.color().darker(120));
            painter.drawText(labelRect, Qt::AlignCenter, label);
        }
    }
}

} // namespace Gatehouse::Ui
