#include "lambdaviewer.h"

#include "aliasdialog.h"
#include "aliasmapwidget.h"
#include "functionlistmodel.h"
#include "invokepanel.h"
#include "versioncomparedialog.h"
#include "versiontablemodel.h"

#include "core/aws/credentialsprovider.h"
#include "core/aws/stsclient.h"
#include "ui/widgets/statusstyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>
#include <memory>

namespace Gatehouse::Ui {

using Core::Aws::LambdaAliasConfiguration;
using Core::Aws::LambdaFunctionConfiguration;

// A Lambda client with the keys it signs with, for one target. Calls made on it use the
// session as their context, so answers for a target that was replaced never arrive.
class LambdaSession : public QObject
{
public:
    LambdaSession(std::unique_ptr<Core::Aws::CredentialsProvider> credentials, const QString &region,
                  const QUrl &endpoint, QObject *parent)
        : QObject(parent),
          m_credentials(std::move(credentials)),
          m_client(new Core::Aws::LambdaClient(m_credentials.get(), region, endpoint, this))
    {
    }
    ~LambdaSession() override { delete m_client; } // before the credentials it points at

    Core::Aws::LambdaClient *client() const { return m_client; }

private:
    std::unique_ptr<Core::Aws::CredentialsProvider> m_credentials;
    Core::Aws::LambdaClient *m_client;
};

namespace {

constexpr int ShiftSteps = 999; // the slider moves in 0.1 % steps from 0 to 99.9 %
constexpr int ShiftCommandId = 4242;

bool sameRouting(const LambdaAliasConfiguration &a, const LambdaAliasConfiguration &b)
{
    if (a.functionVersion != b.functionVersion || a.additionalVersionWeights.keys() != b.additionalVersionWeights.keys())
        return false;
    for (auto it = a.additionalVersionWeights.cbegin(); it != a.additionalVersionWeights.cend(); ++it)
        if (std::abs(it.value() - b.additionalVersionWeights.value(it.key())) > 1e-9)
            return false;
    return true;
}

} // namespace

// One edit of the staged traffic shift; consecutive slider moves on one alias merge into one.
class ShiftCommand : public QUndoCommand
{
public:
    ShiftCommand(LambdaViewer *viewer, std::optional<LambdaAliasConfiguration> before,
                 std::optional<LambdaAliasConfiguration> after, const QString &text)
        : QUndoCommand(text),
          m_viewer(viewer),
          m_before(std::move(before)),
          m_after(std::move(after))
    {
    }
    void undo() override { m_viewer->setStaged(m_before); }
    void redo() override { m_viewer->setStaged(m_after); }
    int id() const override { return ShiftCommandId; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const ShiftCommand *>(other);
        if (!m_after || !next->m_after || m_after->name != next->m_after->name
            || m_after->functionVersion != next->m_after->functionVersion
            || m_after->additionalVersionWeights.keys() != next->m_after->additionalVersionWeights.keys())
            return false;
        m_after = next->m_after;
        setText(next->text());
        return true;
    }

private:
    LambdaViewer *m_viewer;
    std::optional<LambdaAliasConfiguration> m_before;
    std::optional<LambdaAliasConfiguration> m_after;
};

LambdaViewer::LambdaViewer(QWidget *parent)
    : QWidget(parent),
      m_sts(new Core::Aws::StsClient(this)),
      m_functions(new FunctionListModel(this)),
      m_proxy(new QSortFilterProxyModel(this)),
      m_versions(new VersionTableModel(this)),
      m_undo(new QUndoStack(this))
{
    setObjectName(QStringLiteral("lambdaViewer"));
    m_proxy->setSourceModel(m_functions);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(Qt::DisplayRole);
    buildUi();
}

LambdaViewer::~LambdaViewer() = default;

AliasDialog *LambdaViewer::aliasDialog() const
{
    return m_aliasDialog;
}

VersionCompareDialog *LambdaViewer::compareDialog() const
{
    return m_compareDialog;
}

void LambdaViewer::buildUi()
{
    // Left: the function list.
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("functionSearch"));
    m_search->setPlaceholderText(tr("Search functions"));
    m_search->setClearButtonEnabled(true);
    m_functionView = new QListView(this);
    m_functionView->setObjectName(QStringLiteral("functionList"));
    m_functionView->setModel(m_proxy);
    m_functionView->setUniformItemSizes(true); // 1,000 functions lay out in constant time
    m_functionView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_listStatus = new QLabel(this);
    m_listStatus->setObjectName(QStringLiteral("functionListStatus"));
    m_listStatus->setWordWrap(true);
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshFunctions"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_functionView, 1);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_listStatus, 1);
    statusRow->addWidget(m_refresh);
    leftLayout->addLayout(statusRow);

    // Right: the function.
    m_title = new QLabel(tr("Choose a function"), this);
    m_title->setObjectName(QStringLiteral("functionTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("lambdaMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    m_invoke = new InvokePanel(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("lambdaTabs"));
    m_tabs->addTab(buildVersionsTab(), tr("Versions && aliases"));
    m_tabs->addTab(m_invoke, tr("Invoke"));
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_title);
    rightLayout->addWidget(m_message);
    rightLayout->addWidget(m_tabs, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, 900});
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_functionView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &LambdaViewer::onFunctionChosen);
    connect(m_refresh, &QPushButton::clicked, this, &LambdaViewer::reloadFunctions);
    connect(m_invoke, &InvokePanel::invoked, this, [this](const QString &) {
        // Invoking may have changed nothing on the function; only messages are cleared.
        m_message->hide();
    });
    updateAliasButtons();
}

QWidget *LambdaViewer::buildVersionsTab()
{
    auto *tab = new QWidget(this);
    m_versionView = new QTableView(tab);
    m_versionView->setObjectName(QStringLiteral("versionTable"));
    m_versionView->setModel(m_versions);
    m_versionView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_versionView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_versionView->verticalHeader()->hide();
    m_versionView->horizontalHeader()->setStretchLastSection(true);
    m_versionView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_versionView->setWordWrap(false);
    m_showValues = new QCheckBox(tr("Show values"), tab);
    m_showValues->setObjectName(QStringLiteral("showEnvironmentValues"));
    m_showValues->setToolTip(tr("Environment variable values are hidden until you ask, so they do not end up "
                                "in screenshots or screen shares."));
    m_publishDescription = new QLineEdit(tab);
    m_publishDescription->setObjectName(QStringLiteral("publishDescription"));
    m_publishDescription->setPlaceholderText(tr("Description of the new version (optional)"));
    m_publish = new QPushButton(tr("Publish version"), tab);
    m_publish->setObjectName(QStringLiteral("publishVersion"));
    m_publish->setToolTip(tr("Publishes the code and configuration of $LATEST as a new, immutable version. "
                             "If nothing changed since the last version, Lambda returns that version instead."));
    m_compare = new QPushButton(tr("Compare…"), tab);
    m_compare->setObjectName(QStringLiteral("compareVersions"));

    m_aliasMap = new AliasMapWidget(tab);
    auto *mapScroll = new QScrollArea(tab);
    mapScroll->setWidget(m_aliasMap);
    mapScroll->setWidgetResizable(true);
    mapScroll->setFrameShape(QFrame::StyledPanel);
    m_newAlias = new QPushButton(tr("New alias…"), tab);
    m_newAlias->setObjectName(QStringLiteral("newAlias"));
    m_editAlias = new QPushButton(tr("Edit alias…"), tab);
    m_editAlias->setObjectName(QStringLiteral("editAlias"));
    m_deleteAlias = new QPushButton(tr("Delete alias"), tab);
    m_deleteAlias->setObjectName(QStringLiteral("deleteAlias"));

    auto *versionsRow = new QHBoxLayout;
    versionsRow->addWidget(m_publishDescription, 1);
    versionsRow->addWidget(m_publish);
    versionsRow->addWidget(m_compare);
    versionsRow->addWidget(m_showValues);
    auto *aliasButtons = new QVBoxLayout;
    aliasButtons->addWidget(m_newAlias);
    aliasButtons->addWidget(m_editAlias);
    aliasButtons->addWidget(m_deleteAlias);
    aliasButtons->addStretch(1);
    auto *aliasRow = new QHBoxLayout;
    aliasRow->addWidget(mapScroll, 1);
    aliasRow->addLayout(aliasButtons);
    auto *aliasArea = new QWidget(tab);
    auto *aliasLayout = new QVBoxLayout(aliasArea);
    aliasLayout->setContentsMargins(0, 0, 0, 0);
    aliasLayout->addLayout(aliasRow, 1);
    aliasLayout->addWidget(buildShiftGroup());

    auto *versionsArea = new QWidget(tab);
    auto *versionsLayout = new QVBoxLayout(versionsArea);
    versionsLayout->setContentsMargins(0, 0, 0, 0);
    versionsLayout->addWidget(m_versionView, 1);
    versionsLayout->addLayout(versionsRow);

    auto *split = new QSplitter(Qt::Vertical, tab);
    split->addWidget(versionsArea);
    split->addWidget(aliasArea);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_showValues, &QCheckBox::toggled, m_versions, &VersionTableModel::setShowValues);
    connect(m_publish, &QPushButton::clicked, this, &LambdaViewer::publish);
    connect(m_publishDescription, &QLineEdit::returnPressed, this, &LambdaViewer::publish);
    connect(m_compare, &QPushButton::clicked, this, &LambdaViewer::compareVersions);
    connect(m_newAlias, &QPushButton::clicked, this, &LambdaViewer::newAlias);
    connect(m_editAlias, &QPushButton::clicked, this, &LambdaViewer::editAlias);
    connect(m_deleteAlias, &QPushButton::clicked, this, &LambdaViewer::deleteAlias);
    connect(m_aliasMap, &AliasMapWidget::aliasActivated, this, [this](const QString &) { editAlias(); });
    connect(m_aliasMap, &AliasMapWidget::aliasSelected, this, [this](const QString &name) {
        if (!m_staged)
            m_shiftAlias->setCurrentIndex(m_shiftAlias->findText(name));
        updateAliasButtons();
    });
    return tab;
}

QWidget *LambdaViewer::buildShiftGroup()
{
    auto *group = new QGroupBox(tr("Shift traffic"), this);
    group->setObjectName(QStringLiteral("shiftGroup"));
    m_shiftAlias = new QComboBox(group);
    m_shiftAlias->setObjectName(QStringLiteral("shiftAlias"));
    m_shiftVersion = new QComboBox(group);
    m_shiftVersion->setObjectName(QStringLiteral("shiftVersion"));
    m_shiftVersion->setToolTip(tr("The additional version that receives the share on the slider."));
    m_shiftSlider = new QSlider(Qt::Horizontal, group);
    m_shiftSlider->setObjectName(QStringLiteral("shiftSlider"));
    m_shiftSlider->setRange(0, ShiftSteps);
    m_shiftSlider->setPageStep(50);
    m_shiftSlider->setTickInterval(100);
    m_shiftSlider->setTickPosition(QSlider::TicksBelow);
    m_shiftWeight = new QDoubleSpinBox(group);
    m_shiftWeight->setObjectName(QStringLiteral("shiftWeight"));
    m_shiftWeight->setRange(0.0, ShiftSteps / 10.0);
    m_shiftWeight->setDecimals(1);
    m_shiftWeight->setSingleStep(5);
    m_shiftWeight->setSuffix(tr(" %"));
    m_shiftPreview = new QLabel(group);
    m_shiftPreview->setObjectName(QStringLiteral("shiftPreview"));
    m_shiftPreview->setWordWrap(true);
    m_shiftPromote = new QPushButton(tr("Promote"), group);
    m_shiftPromote->setObjectName(QStringLiteral("shiftPromote"));
    m_shiftPromote->setToolTip(tr("Make the additional version the alias's version, with all the traffic."));
    m_shiftUndo = new QPushButton(tr("Undo"), group);
    m_shiftUndo->setObjectName(QStringLiteral("shiftUndo"));
    m_shiftDiscard = new QPushButton(tr("Discard"), group);
    m_shiftDiscard->setObjectName(QStringLiteral("shiftDiscard"));
    m_shiftApply = new QPushButton(tr("Apply…"), group);
    m_shiftApply->setObjectName(QStringLiteral("shiftApply"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Alias"), group));
    controls->addWidget(m_shiftAlias);
    controls->addWidget(new QLabel(tr("routes"), group));
    controls->addWidget(m_shiftWeight);
    controls->addWidget(new QLabel(tr("to"), group));
    controls->addWidget(m_shiftVersion);
    controls->addWidget(m_shiftSlider, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_shiftPreview, 1);
    actions->addWidget(m_shiftPromote);
    actions->addWidget(m_shiftUndo);
    actions->addWidget(m_shiftDiscard);
    actions->addWidget(m_shiftApply);
    auto *layout = new QVBoxLayout(group);
    layout->addLayout(controls);
    layout->addLayout(actions);

    connect(m_shiftAlias, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updatingControls)
            refreshShiftControls();
    });
    connect(m_shiftVersion, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updatingControls)
            stageFromControls();
    });
    connect(m_shiftSlider, &QSlider::valueChanged, this, [this](int value) {
        if (m_updatingControls)
            return;
        m_updatingControls = true;
        m_shiftWeight->setValue(value / 10.0);
        m_updatingControls = false;
        stageFromControls();
    });
    connect(m_shiftWeight, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (m_updatingControls)
            return;
        m_updatingControls = true;
        m_shiftSlider->setValue(int(std::lround(value * 10)));
        m_updatingControls = false;
        stageFromControls();
    });
    connect(m_shiftPromote, &QPushButton::clicked, this, &LambdaViewer::stagePromotion);
    connect(m_shiftUndo, &QPushButton::clicked, m_undo, &QUndoStack::undo);
    connect(m_shiftDiscard, &QPushButton::clicked, this, &LambdaViewer::discardShift);
    connect(m_shiftApply, &QPushButton::clicked, this, &LambdaViewer::applyShift);
    connect(m_undo, &QUndoStack::canUndoChanged, m_shiftUndo, &QPushButton::setEnabled);
    m_shiftUndo->setEnabled(false);
    return group;
}

void LambdaViewer::setEventStore(const Core::TestEventStore &store)
{
    m_store = store;
    m_invoke->setEventStore(store);
}

void LambdaViewer::setTarget(const Core::Target &target)
{
    m_target = target;
    delete m_session; // answers for the old target are dropped with it
    m_listing = false;
    m_loadingFunction = false;
    m_invoke->setClient(nullptr, nullptr);
    m_needsReload = true;
    if (isVisible())
        reloadFunctions();
}

void LambdaViewer::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_needsReload)
        reloadFunctions();
}

bool LambdaViewer::ensureSession()
{
    if (m_session)
        return true;
    const Core::Result<QString> region = m_target.regionFor(m_environment);
    if (!region) {
        showProblem(region.error().message);
        return false;
    }
    const Core::Result<QUrl> endpoint =
        m_target.endpointFor(QString::fromLatin1(Core::Aws::LambdaClient::SigningName), *region, m_environment);
    if (!endpoint) {
        showProblem(endpoint.error().message);
        return false;
    }
    m_session = new LambdaSession(m_target.makeCredentialsProvider(m_environment, m_sts), *region, *endpoint, this);
    m_invoke->setClient(m_session->client(), m_session);
    return true;
}

void LambdaViewer::showProblem(const QString &text)
{
    m_message->setText(text);
    m_message->setStyleSheet(QLatin1String(StatusStyle::Problem));
    m_message->show();
}

void LambdaViewer::showNotice(const QString &text)
{
    m_message->setText(text);
    m_message->setStyleSheet(QLatin1String(StatusStyle::Fine));
    m_message->show();
}

void LambdaViewer::reloadFunctions()
{
    m_needsReload = false;
    if (!m_function.isEmpty())
        m_wantedFunction = m_function;
    // The function is shown again once the new list has it; until then nothing stale shows.
    if (m_staged)
        discardShift();
    m_function.clear();
    ++m_functionGeneration;
    m_loadingFunction = false;
    m_aliases.clear();
    m_versions->setVersions({});
    m_aliasMap->setVersions({});
    m_aliasMap->setAliases({});
    m_invoke->setFunction(QString());
    m_title->setText(tr("Choose a function"));
    m_functions->clear();
    if (!ensureSession()) {
        m_listStatus->setText(tr("No functions: the target is not usable (see the message on the right)."));
        return;
    }
    const int generation = ++m_listGeneration;
    m_listing = true;
    m_listStatus->setText(tr("Loading functions from %1…").arg(m_target.describe()));
    m_session->client()->listAllFunctions(
        {}, m_session,
        [this, generation](const Core::Aws::LambdaClient::FunctionPage &page) {
            if (generation != m_listGeneration)
                return;
            m_functions->append(page.items);
            m_listStatus->setText(tr("Functions: %L1 so far, more on the way…").arg(m_functions->rowCount()));
            // Select the function asked for (or the first one) as soon as it arrives.
            if (m_function.isEmpty()) {
                const int row = m_wantedFunction.isEmpty() ? 0 : m_functions->rowOf(m_wantedFunction);
                if (row >= 0 && row < m_functions->rowCount())
                    m_functionView->setCurrentIndex(m_proxy->mapFromSource(m_functions->index(row)));
            }
        },
        [this, generation](const Core::Result<QList<LambdaFunctionConfiguration>> &all) {
            if (generation != m_listGeneration)
                return;
            m_listing = false;
            if (!all) {
                m_listStatus->setText(tr("Listing stopped; functions so far: %L1.").arg(m_functions->rowCount()));
                showProblem(tr("Could not list the functions of %1: %2").arg(m_target.describe(), all.error().message));
                emit functionsListed(m_functions->rowCount());
                return;
            }
            m_listStatus->setText(m_functions->rowCount() == 0
                                      ? tr("%1 has no functions.").arg(m_target.describe())
                                      : tr("Functions: %L1").arg(m_functions->rowCount()));
            emit functionsListed(m_functions->rowCount());
        });
}

void LambdaViewer::selectFunction(const QString &name)
{
    const int row = m_functions->rowOf(name);
    if (row < 0) {
        m_wantedFunction = name;
        return;
    }
    m_functionView->setCurrentIndex(m_proxy->mapFromSource(m_functions->index(row)));
}

void LambdaViewer::onFunctionChosen()
{
    const QModelIndex index = m_functionView->currentIndex();
    const QString name = index.isValid() ? index.data(FunctionListModel::NameRole).toString() : QString();
    if (name.isEmpty() || name == m_function)
        return;
    if (m_staged)
        discardShift();
    m_function = name;
    m_wantedFunction.clear();
    m_message->hide();
    m_title->setText(name);
    m_invoke->setFunction(name);
    reloadFunction();
}

void LambdaViewer::reloadFunction()
{
    if (m_function.isEmpty() || !ensureSession())
        return;
    const int generation = ++m_functionGeneration;
    m_loadingFunction = true;
    struct Pending
    {
        std::optional<QList<LambdaFunctionConfiguration>> versions;
        std::optional<QList<LambdaAliasConfiguration>> aliases;
        bool failed = false;
    };
    auto pending = std::make_shared<Pending>();
    const QString function = m_function;
    const auto finish = [this, pending, generation, function] {
        if (generation != m_functionGeneration || pending->failed || !pending->versions || !pending->aliases)
            return;
        m_loadingFunction = false;
        showFunction(*pending->versions, *pending->aliases);
        emit functionLoaded(function);
    };
    const auto fail = [this, pending, generation, function](const Core::Error &error) {
        if (generation != m_functionGeneration || pending->failed)
            return;
        pending->failed = true;
        m_loadingFunction = false;
        showProblem(tr("Could not load %1: %2").arg(function, error.message));
    };
    m_session->client()->listAllVersionsByFunction(
        function, {}, m_session, {},
        [pending, finish, fail](const Core::Result<QList<LambdaFunctionConfiguration>> &versions) {
            if (!versions)
                return fail(versions.error());
            pending->versions = *versions;
            finish();
        });
    m_session->client()->listAliases(function, m_session,
                                     [pending, finish, fail](const Core::Result<QList<LambdaAliasConfiguration>> &aliases) {
                                         if (!aliases)
                                             return fail(aliases.error());
                                         pending->aliases = *aliases;
                                         finish();
                                     });
}

void LambdaViewer::showFunction(const QList<LambdaFunctionConfiguration> &versions,
                                const QList<LambdaAliasConfiguration> &aliases)
{
    m_versions->setVersions(versions);
    m_versionView->resizeColumnsToContents();
    m_aliases = aliases;
    if (!versions.isEmpty())
        m_title->setText(tr("%1 · %2").arg(m_function, versions.first().runtime));
    m_title->setToolTip(versions.isEmpty() ? QString() : versions.first().functionArn);
    const QStringList names = m_versions->versionNames();
    m_aliasMap->setVersions(names);
    m_aliasMap->setAliases(aliases);
    m_invoke->setQualifiers(names, aliases);

    m_updatingControls = true;
    const QString shiftAlias = m_staged ? m_staged->name : m_aliasMap->selectedAlias();
    m_shiftAlias->clear();
    for (const auto &alias : aliases)
        m_shiftAlias->addItem(alias.name);
    m_shiftAlias->setCurrentIndex(std::max(0, m_shiftAlias->findText(shiftAlias)));
    m_updatingControls = false;
    refreshShiftControls();
    updateAliasButtons();
}

void LambdaViewer::updateAliasButtons()
{
    const bool haveFunction = !m_function.isEmpty() && m_session;
    const bool haveAlias = haveFunction && !m_aliasMap->selectedAlias().isEmpty();
    m_publish->setEnabled(haveFunction);
    m_publishDescription->setEnabled(haveFunction);
    m_compare->setEnabled(haveFunction && m_versions->rowCount() >= 2);
    m_newAlias->setEnabled(haveFunction);
    m_editAlias->setEnabled(haveAlias);
    m_deleteAlias->setEnabled(haveAlias);
}

void LambdaViewer::publish()
{
    if (m_function.isEmpty() || !ensureSession())
        return;
    const QStringList before = m_versions->versionNames();
    m_publish->setEnabled(false);
    const QString function = m_function;
    m_session->client()->publishVersion(
        function, m_publishDescription->text(), m_session,
        [this, before, function](const Core::Result<LambdaFunctionConfiguration> &published) {
            m_publish->setEnabled(true);
            if (!published)
                return showProblem(tr("Could not publish a version of %1: %2").arg(function, published.error().message));
            m_publishDescription->clear();
            if (before.contains(published->version))
                showNotice(tr("Nothing changed since version %1, so Lambda returned version %1 instead of "
                              "publishing a new one. Change the code or configuration first.")
                               .arg(published->version));
            else
                showNotice(tr("Published version %1 of %2.").arg(published->version, function));
            reloadFunction();
        });
}

void LambdaViewer::newAlias()
{
    openAliasDialog(nullptr);
}

void LambdaViewer::editAlias()
{
    const std::optional<LambdaAliasConfiguration> alias = liveAlias(m_aliasMap->selectedAlias());
    if (alias)
        openAliasDialog(&*alias);
}

void LambdaViewer::openAliasDialog(const LambdaAliasConfiguration *existing)
{
    if (m_function.isEmpty())
        return;
    if (m_aliasDialog)
        m_aliasDialog->close();
    QStringList versions = m_versions->versionNames();
    m_aliasDialog = new AliasDialog(versions, existing, this);
    m_aliasDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_aliasDialog, &AliasDialog::submitted, this, &LambdaViewer::submitAlias);
    m_aliasDialog->open();
}

void LambdaViewer::submitAlias()
{
    AliasDialog *dialog = m_aliasDialog;
    if (!dialog || !ensureSession())
        return;
    dialog->setBusy(true);
    const QString name = dialog->aliasName();
    const QString function = m_function;
    const auto done = [this, dialog = QPointer<AliasDialog>(dialog), name,
                       create = dialog->isNew()](const Core::Result<LambdaAliasConfiguration> &alias) {
        if (!dialog)
            return;
        if (!alias)
            return dialog->showError(alias.error().message); // everything typed stays in the dialog
        dialog->accept();
        showNotice(create ? tr("Created alias %1 → %2.").arg(name, AliasMapWidget::splitText(*alias))
                          : tr("Alias %1 now routes: %2.").arg(name, AliasMapWidget::splitText(*alias)));
        m_aliasMap->setSelectedAlias(name);
        reloadFunction();
    };
    if (dialog->isNew())
        m_session->client()->createAlias(function, name, dialog->spec(), m_session, done);
    else
        m_session->client()->updateAlias(function, name, dialog->spec(), m_session, done);
}

void LambdaViewer::deleteAlias()
{
    const QString name = m_aliasMap->selectedAlias();
    if (name.isEmpty() || m_function.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete alias"),
                                tr("Delete the alias %1 of %2? Callers that use %2:%1 will get "
                                   "ResourceNotFoundException.")
                                    .arg(name, m_function),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteAliasBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *confirm = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    const QString function = m_function;
    connect(box, &QMessageBox::buttonClicked, this, [this, box, confirm, name, function](QAbstractButton *button) {
        if (button != confirm || !ensureSession())
            return;
        Q_UNUSED(box)
        m_session->client()->deleteAlias(function, name, m_session, [this, name](const Core::Result<bool> &deleted) {
            if (!deleted)
                return showProblem(tr("Could not delete the alias %1: %2").arg(name, deleted.error().message));
            showNotice(tr("Deleted the alias %1.").arg(name));
            reloadFunction();
        });
    });
    box->open();
}

void LambdaViewer::compareVersions()
{
    if (m_versions->rowCount() < 2)
        return;
    if (m_compareDialog)
        m_compareDialog->close();
    m_compareDialog = new VersionCompareDialog(m_versions->versions(), this);
    m_compareDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_compareDialog->open();
}

// ---- Traffic shift ------------------------------------------------------------------------

std::optional<LambdaAliasConfiguration> LambdaViewer::liveAlias(const QString &name) const
{
    for (const auto &alias : m_aliases)
        if (alias.name == name)
            return alias;
    return std::nullopt;
}

void LambdaViewer::refreshShiftControls()
{
    const std::optional<LambdaAliasConfiguration> live = liveAlias(m_shiftAlias->currentText());
    const std::optional<LambdaAliasConfiguration> shown = m_staged ? m_staged : live;
    m_updatingControls = true;
    m_shiftVersion->clear();
    const bool usable = shown.has_value();
    for (QWidget *control : {static_cast<QWidget *>(m_shiftVersion), static_cast<QWidget *>(m_shiftSlider),
                             static_cast<QWidget *>(m_shiftWeight)})
        control->setEnabled(usable);
    m_shiftAlias->setEnabled(!m_staged && m_shiftAlias->count() > 0);
    if (shown) {
        for (const QString &version : m_versions->versionNames())
            if (version != shown->functionVersion && version != QLatin1String("$LATEST"))
                m_shiftVersion->addItem(version);
        QString additional;
        double weight = 0;
        if (!shown->additionalVersionWeights.isEmpty()) {
            additional = shown->additionalVersionWeights.firstKey();
            weight = shown->additionalVersionWeights.first();
        } else if (m_shiftVersion->count() > 0) {
            additional = m_shiftVersion->itemText(m_shiftVersion->count() - 1); // the newest version
        }
        if (!additional.isEmpty() && m_shiftVersion->findText(additional) < 0)
            m_shiftVersion->addItem(additional);
        m_shiftVersion->setCurrentIndex(m_shiftVersion->findText(additional));
        m_shiftWeight->setValue(weight * 100.0);
        m_shiftSlider->setValue(int(std::lround(weight * 1000.0)));
        if (m_shiftVersion->count() == 0) {
            for (QWidget *control : {static_cast<QWidget *>(m_shiftSlider), static_cast<QWidget *>(m_shiftWeight)})
                control->setEnabled(false);
        }
    }
    m_updatingControls = false;

    const bool staged = m_staged.has_value();
    m_shiftApply->setEnabled(staged);
    m_shiftDiscard->setEnabled(staged);
    m_shiftPromote->setEnabled(usable && m_shiftVersion->count() > 0);
    if (!live && !staged) {
        m_shiftPreview->setText(m_aliases.isEmpty() ? tr("Create an alias to shift traffic between versions.")
                                                    : tr("Choose an alias."));
        m_shiftPreview->setStyleSheet(QString());
    } else if (staged) {
        m_shiftPreview->setText(tr("Preview — %1 routes now: %2; after applying: %3. Not applied yet.")
                                    .arg(m_staged->name, live ? AliasMapWidget::splitText(*live) : tr("nothing"),
                                         AliasMapWidget::splitText(*m_staged)));
        m_shiftPreview->setStyleSheet(QStringLiteral("color: #b06000;"));
    } else {
        m_shiftPreview->setText(tr("%1 routes: %2. Move the slider to preview a new split.")
                                    .arg(live->name, AliasMapWidget::splitText(*live)));
        m_shiftPreview->setStyleSheet(QString());
    }
}

void LambdaViewer::stageFromControls()
{
    const std::optional<LambdaAliasConfiguration> base = m_staged ? m_staged : liveAlias(m_shiftAlias->currentText());
    if (!base)
        return;
    LambdaAliasConfiguration next = *base;
    next.additionalVersionWeights.clear();
    const QString version = m_shiftVersion->currentText();
    const double weight = m_shiftWeight->value() / 100.0;
    if (!version.isEmpty() && weight > 0)
        next.additionalVersionWeights.insert(version, weight);
    stage(next);
}

void LambdaViewer::stagePromotion()
{
    const std::optional<LambdaAliasConfiguration> base = m_staged ? m_staged : liveAlias(m_shiftAlias->currentText());
    const QString version = m_shiftVersion->currentText();
    if (!base || version.isEmpty())
        return;
    LambdaAliasConfiguration next = *base;
    next.functionVersion = version;
    next.additionalVersionWeights.clear();
    stage(next);
}

void LambdaViewer::stage(const LambdaAliasConfiguration &next)
{
    const std::optional<LambdaAliasConfiguration> live = liveAlias(next.name);
    const std::optional<LambdaAliasConfiguration> before = m_staged;
    std::optional<LambdaAliasConfiguration> after = next;
    if (live && sameRouting(*live, next))
        after.reset(); // back to what is live: nothing to preview
    if (before.has_value() == after.has_value() && (!before || sameRouting(*before, *after)))
        return;
    m_undo->push(new ShiftCommand(this, before, after,
                                  tr("Shift %1 to %2").arg(next.name, AliasMapWidget::splitText(next))));
}

void LambdaViewer::setStaged(const std::optional<LambdaAliasConfiguration> &staged)
{
    m_staged = staged;
    m_aliasMap->setPreview(staged);
    if (staged && m_shiftAlias->currentText() != staged->name) {
        m_updatingControls = true;
        m_shiftAlias->setCurrentIndex(m_shiftAlias->findText(staged->name));
        m_updatingControls = false;
    }
    refreshShiftControls();
}

void LambdaViewer::discardShift()
{
    m_undo->clear();
    setStaged(std::nullopt);
}

void LambdaViewer::applyShift()
{
    if (!m_staged)
        return;
    confirmShift();
}

void LambdaViewer::confirmShift()
{
    const LambdaAliasConfiguration next = *m_staged;
    const std::optional<LambdaAliasConfiguration> live = liveAlias(next.name);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Shift traffic"),
                                tr("Change the traffic split of %1:%2?").arg(m_function, next.name), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmShiftBox"));
    box->setInformativeText(tr("Now: %1\nAfter: %2\n\nCallers of the alias get the new split at once.")
                                .arg(live ? AliasMapWidget::splitText(*live) : tr("nothing"),
                                     AliasMapWidget::splitText(next)));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *confirm = box->addButton(tr("Apply"), QMessageBox::AcceptRole);
    box->setDefaultButton(confirm);
    const QString function = m_function;
    connect(box, &QMessageBox::buttonClicked, this, [this, confirm, next, function](QAbstractButton *button) {
        if (button != confirm || !ensureSession())
            return;
        Core::Aws::LambdaAliasSpec spec;
        spec.functionVersion = next.functionVersion;
        spec.additionalVersionWeights = next.additionalVersionWeights;
        spec.sendDescription = false;
        m_shiftApply->setEnabled(false);
        m_session->client()->updateAlias(
            function, next.name, spec, m_session, [this, next](const Core::Result<LambdaAliasConfiguration> &updated) {
                if (!updated) {
                    m_shiftApply->setEnabled(true);
                    // The staged change stays, so nothing is lost; the person can fix and retry.
                    return showProblem(tr("Lambda refused the traffic shift on %1: %2")
                                           .arg(next.name, updated.error().message));
                }
                m_undo->clear();
                m_staged.reset();
                m_aliasMap->setPreview(std::nullopt);
                showNotice(tr("%1 now routes: %2.").arg(next.name, AliasMapWidget::splitText(*updated)));
                reloadFunction();
            });
    });
    box->open();
}

} // namespace Gatehouse::Ui
