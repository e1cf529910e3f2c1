// The request builder's side of collections: tab origins, saving, unsaved-edit marks, the
// collection's auth and variables at send time, and cURL pasted into the URL field. Kept apart
// from requestbuilderwidget.cpp, which holds the editors.
#include "requestbuilderwidget.h"

#include "authpanel.h"
#include "keyvaluetable.h"

#include "core/import/curlimport.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabBar>
#include <QUndoStack>
#include <QBoxLayout>
#include <QLayout>

namespace Gatehouse::Ui {

using Core::Collection::CollectionRequest;
using Core::Collection::RequestLocation;

namespace {

// RequestSpec has no operator== of its own; these are the fields a person edits.
bool sameDocument(const Core::RequestSpec &a, const Core::RequestSpec &b)
{
    return a.method == b.method && a.url == b.url && a.headers == b.headers && a.body == b.body &&
           a.bodyKind == b.bodyKind && a.formFields == b.formFields && a.bodyFile == b.bodyFile &&
           a.timeoutMs == b.timeoutMs && a.followRedirects == b.followRedirects && a.auth == b.auth;
}

} // namespace

// "Inherit auth from the collection" sits at the top of the Auth tab (the AuthPanel keeps
// being the tab's page); ticked, the panel's own editors are disabled but keep their values.
void RequestBuilderWidget::setupInheritAuth()
{
    m_inheritAuth = new QCheckBox(tr("Inherit auth from the collection"), m_auth);
    m_inheritAuth->setObjectName(QStringLiteral("inheritAuthBox"));
    m_inheritAuth->setToolTip(tr("Send with the collection's auth (its collection.json), as `gatehouse run` does"));
    m_inheritAuth->hide(); // only tabs of a collection have one to inherit
    m_inheritNote = new QLabel(m_auth);
    m_inheritNote->setObjectName(QStringLiteral("inheritAuthNote"));
    m_inheritNote->setWordWrap(true);
    m_inheritNote->hide();
    if (auto *layout = qobject_cast<QBoxLayout *>(m_auth->layout())) {
        layout->insertWidget(0, m_inheritNote);
        layout->insertWidget(0, m_inheritAuth);
    }
    connect(m_inheritAuth, &QCheckBox::toggled, this, [this](bool inherit) {
        const auto setEnabled = [this, inherit](QLayout *layout, const auto &self) -> void {
            for (int i = 0; layout && i < layout->count(); ++i) {
                QLayoutItem *item = layout->itemAt(i);
                if (QWidget *widget = item->widget(); widget && widget != m_inheritAuth && widget != m_inheritNote)
                    widget->setEnabled(!inherit);
                self(item->layout(), self);
            }
        };
        setEnabled(m_auth->layout(), setEnabled);
        m_inheritNote->setVisible(inherit);
        if (inherit) {
            const auto it = m_tabStates.constFind(m_shownTabId);
            const std::optional<Core::Collection::Collection> collection =
                it != m_tabStates.cend() && it->origin && m_collectionLink ? m_collectionLink->collectionOf(*it->origin)
                                                                           : std::nullopt;
            m_inheritNote->setText(collection ? tr("Sent with the auth of the collection '%1'.").arg(collection->name)
                                              : tr("Sent with the collection's auth once the collection is open."));
        }
        onDocumentEdited();
    });
}

void RequestBuilderWidget::setupCollections()
{
    m_saveAction = new QAction(tr("&Save Request"), this);
    m_saveAction->setObjectName(QStringLiteral("saveRequestAction"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_saveAction, &QAction::triggered, this, [this] { saveRequestTab(m_requestTabs->currentIndex()); });
    addAction(m_saveAction);
    // Every edit of the document may change whether the tab has unsaved edits.
    connect(m_undoStack, &QUndoStack::indexChanged, this, &RequestBuilderWidget::onDocumentEdited);
    connect(m_headers, &KeyValueTable::rowsEdited, this, &RequestBuilderWidget::onDocumentEdited);
    connect(m_formFields, &KeyValueTable::rowsEdited, this, &RequestBuilderWidget::onDocumentEdited);
    connect(m_bodyKind, &QComboBox::currentIndexChanged, this, &RequestBuilderWidget::onDocumentEdited);
    connect(m_bodyFile, &QLineEdit::textEdited, this, &RequestBuilderWidget::onDocumentEdited);
    connect(m_auth, &AuthPanel::edited, this, &RequestBuilderWidget::onDocumentEdited);
    resetBaseline(m_shownTabId);
}

void RequestBuilderWidget::onDocumentEdited()
{
    if (!m_applying)
        updateRequestTabTitle(m_requestTabs->currentIndex());
}

void RequestBuilderWidget::resetBaseline(int id)
{
    auto it = m_tabStates.find(id);
    if (it == m_tabStates.end())
        return;
    it->baseline = id == m_shownTabId ? requestSpec() : it->spec;
    it->baselineInherit = id == m_shownTabId ? m_inheritAuth->isChecked() : it->inheritAuth;
    it->baselineName = it->name;
    for (int index = 0; index < m_requestTabs->count(); ++index) {
        if (m_requestTabs->tabData(index).toInt() == id)
            updateRequestTabTitle(index);
    }
}

bool RequestBuilderWidget::isTabModified(int id) const
{
    const auto it = m_tabStates.constFind(id);
    if (it == m_tabStates.cend())
        return false;
    const bool shown = id == m_shownTabId;
    const Core::RequestSpec spec = shown ? requestSpec() : it->spec;
    const bool inherit = shown && m_inheritAuth ? m_inheritAuth->isChecked() : it->inheritAuth;
    return it->orphaned || !sameDocument(spec, it->baseline) || inherit != it->baselineInherit ||
           it->name != it->baselineName;
}

bool RequestBuilderWidget::isRequestTabModified(int index) const
{
    return isTabModified(m_requestTabs->tabData(index).toInt());
}

std::optional<RequestLocation> RequestBuilderWidget::requestTabOrigin(int index) const
{
    return m_tabStates.value(m_requestTabs->tabData(index).toInt()).origin;
}

CollectionRequest RequestBuilderWidget::tabRequest(int index) const
{
    const int id = m_requestTabs->tabData(index).toInt();
    const TabState state = m_tabStates.value(id);
    CollectionRequest request = state.saved; // keeps its tests and file name
    request.spec = id == m_shownTabId ? requestSpec() : state.spec;
    request.inheritAuth = id == m_shownTabId ? m_inheritAuth->isChecked() : state.inheritAuth;
    request.name = state.name.isEmpty() ? m_requestTabs->tabText(index).remove(QStringLiteral(" \u25CF")) : state.name;
    return request;
}

int RequestBuilderWidget::openCollectionRequest(const RequestLocation &location, const CollectionRequest &request)
{
    for (int index = 0; index < m_requestTabs->count(); ++index) {
        if (m_tabStates.value(m_requestTabs->tabData(index).toInt()).origin == location) {
            m_requestTabs->setCurrentIndex(index);
            return index;
        }
    }
    const int index = newRequestTab(request.spec, request.name);
    const int id = m_requestTabs->tabData(index).toInt();
    TabState &state = m_tabStates[id];
    state.origin = location;
    state.saved = request;
    state.inheritAuth = request.inheritAuth;
    m_inheritAuth->setVisible(true); // the new tab is the one shown
    m_inheritAuth->setChecked(request.inheritAuth);
    resetBaseline(id);
    return index;
}

bool RequestBuilderWidget::saveRequestTab(int index)
{
    if (index < 0 || index >= m_requestTabs->count() || !m_collectionLink)
        return false;
    const int id = m_requestTabs->tabData(index).toInt();
    if (id == m_shownTabId)
        storeCurrentTab();
    const CollectionRequest request = tabRequest(index);
    const std::optional<RequestLocation> saved =
        m_collectionLink->saveRequest(request, m_tabStates.value(id).origin, this);
    if (!saved)
        return false;
    auto it = m_tabStates.find(id);
    if (it == m_tabStates.end())
        return true;
    it->origin = saved;
    it->orphaned = false;
    it->saved = request;
    it->saved.fileStem = saved->fileStem;
    if (const auto collection = m_collectionLink->collectionOf(*saved)) {
        if (const CollectionRequest *onDisk = Core::Collection::requestAt(*collection, *saved)) {
            it->saved = *onDisk;
            it->name = onDisk->name;
        }
    }
    if (id == m_shownTabId)
        m_inheritAuth->setVisible(true);
    resetBaseline(id);
    return true;
}

void RequestBuilderWidget::requestCloseTab(int index)
{
    if (confirmCloseTabs({index}))
        closeRequestTab(index);
}

bool RequestBuilderWidget::confirmCloseTabs(const QList<int> &indexes)
{
    QList<int> modified;
    for (int index : indexes) {
        if (index >= 0 && index < m_requestTabs->count() && isRequestTabModified(index))
            modified.append(index);
    }
    if (modified.isEmpty())
        return true;
    const QString question =
        modified.size() == 1
            ? tr("'%1' has unsaved changes. Save them before closing?")
                  .arg(m_requestTabs->tabText(modified.first()).remove(QStringLiteral(" \u25CF")))
            : tr("%n request tab(s) have unsaved changes. Save them before closing?", nullptr, int(modified.size()));
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"), question,
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedChangesBox"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        for (int index : std::as_const(modified)) {
            m_requestTabs->setCurrentIndex(index);
            if (!saveRequestTab(index))
                return false; // not saved: keep the tab and its text
        }
        return true;
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

bool RequestBuilderWidget::confirmCloseAll()
{
    QList<int> all;
    for (int index = 0; index < m_requestTabs->count(); ++index)
        all.append(index);
    return confirmCloseTabs(all);
}

void RequestBuilderWidget::collectionChanged(const QString &directory)
{
    if (!m_collectionLink)
        return;
    const std::optional<Core::Collection::Collection> collection =
        m_collectionLink->collectionOf(RequestLocation{directory, {}, {}});
    for (int index = 0; index < m_requestTabs->count(); ++index) {
        const int id = m_requestTabs->tabData(index).toInt();
        auto it = m_tabStates.find(id);
        if (it == m_tabStates.end() || !it->origin || it->origin->collection != directory)
            continue;
        const CollectionRequest *onDisk = collection ? Core::Collection::requestAt(*collection, *it->origin) : nullptr;
        if (!onDisk) {
            it->origin.reset(); // deleted: the text stays, and counts as unsaved
            it->orphaned = true;
        } else if (onDisk->name != it->saved.name) {
            const bool unchangedName = it->name == it->baselineName;
            it->saved.name = onDisk->name;
            it->baselineName = onDisk->name;
            if (unchangedName)
                it->name = onDisk->name; // renamed in the sidebar
        }
        updateRequestTabTitle(index);
    }
}

void RequestBuilderWidget::collectionItemMoved(const QString &directory, const QString &fromFolder,
                                               const QString &toFolder, const QString &fromStem,
                                               const QString &toStem)
{
    for (auto it = m_tabStates.begin(); it != m_tabStates.end(); ++it) {
        if (!it->origin || it->origin->collection != directory)
            continue;
        RequestLocation &origin = *it->origin;
        if (!fromStem.isEmpty()) {
            if (origin.folder == fromFolder && origin.fileStem == fromStem) {
                origin.folder = toFolder;
                origin.fileStem = toStem;
                it->saved.fileStem = toStem;
            }
        } else if (origin.folder == fromFolder || origin.folder.startsWith(fromFolder + QLatin1Char('/'))) {
            origin.folder = toFolder + origin.folder.mid(fromFolder.size());
        }
    }
}

bool RequestBuilderWidget::applyCollection(Core::RequestSpec &spec, Core::Environment &environment)
{
    const TabState state = m_tabStates.value(m_shownTabId);
    if (!state.origin)
        return true;
    const std::optional<Core::Collection::Collection> collection =
        m_collectionLink ? m_collectionLink->collectionOf(*state.origin) : std::nullopt;
    if (!collection) {
        if (!m_inheritAuth->isChecked())
            return true;
        showProblem(tr("This request inherits its auth from a collection that is not open; open %1 or "
                       "untick \"Inherit auth from the collection\".")
                        .arg(state.origin->collection));
        return false;
    }
    environment = Core::Collection::variablesFor(collection->variables, environment);
    QStringList missing;
    spec.auth = Core::Collection::effectiveAuth(m_inheritAuth->isChecked(), spec.auth, collection->auth,
                                                environment, missing);
    if (!missing.isEmpty()) {
        showProblem(tr("%1 Define them in the Variables tab or the collection's variables.")
                        .arg(Core::undefinedVariablesError(missing, environment).message));
        return false;
    }
    return true;
}

bool RequestBuilderWidget::importCurlText(const QString &text)
{
    if (!text.trimmed().startsWith(QLatin1String("curl")))
        return false;
    const Core::Import::ImportResult result = Core::Import::importCurl(text, tr("pasted text"));
    if (result.requests.isEmpty())
        return false;
    openImported(result, true);
    QStringList notes;
    for (const Core::Import::ImportProblem &problem : result.problems)
        notes.append(problem.toString());
    showProblem(notes.join(QLatin1Char('\n')));
    return true;
}

namespace {

QString revealed(QString text, const QMap<QString, QString> &secrets)
{
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        text.replace(QStringLiteral("{{%1}}").arg(it.key()), it.value());
    return text;
}

// The importers hide credentials as {{name}} for files; a tab holds them as typed.
Core::RequestSpec withSecrets(Core::RequestSpec spec, const QMap<QString, QString> &secrets)
{
    if (secrets.isEmpty())
        return spec;
    spec.url = revealed(spec.url, secrets);
    for (Core::HeaderEntry &header : spec.headers)
        header.value = revealed(header.value, secrets);
    for (QString *field : {&spec.auth.bearerToken, &spec.auth.basicPassword, &spec.auth.apiKeyValue,
                           &spec.auth.secretAccessKey, &spec.auth.sessionToken})
        *field = revealed(*field, secrets);
    return spec;
}

} // namespace

void RequestBuilderWidget::openImported(const Core::Import::ImportResult &result, bool replaceCurrent)
{
    bool first = replaceCurrent;
    for (const Core::Import::ImportedRequest &imported : result.requests) {
        const Core::RequestSpec spec = withSecrets(imported.spec, result.secrets);
        if (first) {
            setRequestSpec(spec);
            onDocumentEdited();
        } else {
            newRequestTab(spec, result.requests.size() > 1 ? imported.name : QString());
        }
        first = false;
    }
}

} // namespace Gatehouse::Ui
