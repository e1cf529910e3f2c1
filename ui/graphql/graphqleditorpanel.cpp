#include "graphqleditorpanel.h"

#include "graphqleditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

using Core::GraphQL::OperationType;

namespace {

constexpr int kPositionRole = Qt::UserRole;
constexpr int kNameRole = Qt::UserRole + 1;

QString describe(const GraphQLEditor::Operation &operation)
{
    const QString type = Core::GraphQL::operationTypeName(operation.type);
    return operation.name.isEmpty() ? GraphQLEditorPanel::tr("%1 (anonymous)").arg(type)
                                    : QStringLiteral("%1 %2").arg(type, operation.name);
}

} // namespace

GraphQLEditorPanel::GraphQLEditorPanel(QWidget *parent)
    : QWidget(parent)
    , m_editor(new GraphQLEditor(this))
    , m_operations(new QComboBox(this))
    , m_prettify(new QPushButton(tr("Prettify"), this))
    , m_message(new QLabel(this))
    , m_problems(new QListWidget(this))
{
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    auto *operationLabel = new QLabel(tr("&Operation:"), this);
    operationLabel->setBuddy(m_operations);
    top->addWidget(operationLabel);
    m_operations->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_operations->setToolTip(tr("The operations in this document; the one to run follows the cursor"));
    top->addWidget(m_operations);
    top->addStretch();
    m_prettify->setToolTip(tr("Rewrite the document in canonical form (Ctrl+Shift+F)"));
    top->addWidget(m_prettify);

    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b91c1c"));
    m_message->hide();
    m_problems->setMaximumHeight(110);
    m_problems->setAccessibleName(tr("Problems"));
    m_problems->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_problems);

    connect(m_prettify, &QPushButton::clicked, this, [this] {
        QString why;
        if (m_editor->prettify(&why))
            m_message->hide();
        m_editor->setFocus();
    });
    connect(m_editor, &GraphQLEditor::prettifyRefused, this, [this](const QString &why) {
        m_message->setText(why);
        m_message->show();
    });
    connect(m_editor, &GraphQLEditor::checked, this, [this] {
        refreshProblems();
        refreshOperations();
    });
    connect(m_editor, &QPlainTextEdit::textChanged, m_message, &QLabel::hide);
    connect(m_editor, &QPlainTextEdit::cursorPositionChanged, this, &GraphQLEditorPanel::followCursor);
    connect(m_problems, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { m_editor->goTo(item->data(kPositionRole).toInt()); });
    connect(m_problems, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { m_editor->goTo(item->data(kPositionRole).toInt()); });
    connect(m_operations, &QComboBox::activated, this, [this](int index) {
        m_editor->goTo(m_operations->itemData(index, kPositionRole).toInt());
    });
}

QString GraphQLEditorPanel::selectedOperationName() const
{
    return m_operations->currentData(kNameRole).toString();
}

void GraphQLEditorPanel::refreshProblems()
{
    m_problems->clear();
    for (const GraphQLEditor::Problem &problem : m_editor->problems()) {
        auto *item = new QListWidgetItem(QStringLiteral("%1:%2  %3").arg(problem.line).arg(problem.column).arg(problem.message),
                                         m_problems);
        item->setData(kPositionRole, problem.position);
        item->setForeground(problem.rule == QLatin1String("Syntax") ? QColor(0xb9, 0x1c, 0x1c) : QColor(0x92, 0x40, 0x0e));
        item->setToolTip(problem.rule);
    }
    m_problems->setVisible(m_problems->count() > 0);
}

void GraphQLEditorPanel::refreshOperations()
{
    const QSignalBlocker blocker(m_operations);
    m_operations->clear();
    for (const GraphQLEditor::Operation &operation : m_editor->operations()) {
        m_operations->addItem(describe(operation));
        m_operations->setItemData(m_operations->count() - 1, operation.position, kPositionRole);
        m_operations->setItemData(m_operations->count() - 1, operation.name, kNameRole);
    }
    m_operations->setEnabled(m_operations->count() > 1);
    followCursor();
}

void GraphQLEditorPanel::followCursor()
{
    const int index = m_editor->currentOperationIndex();
    if (index >= 0 && index < m_operations->count()) {
        const QSignalBlocker blocker(m_operations);
        m_operations->setCurrentIndex(index);
    }
}

} // namespace Gatehouse::Ui
