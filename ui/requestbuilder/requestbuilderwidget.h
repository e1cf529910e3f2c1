#pragma once

#include "core/aws/requestauthorizer.h"
#include "core/httpclient.h"
#include "core/requestspec.h"
#include "core/target.h"
#include "core/urlquery.h"
#include "core/variables.h"
#include "core/import/importresult.h"
#include "ui/collections/collectionlink.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabBar;
class QSpinBox;
class QCheckBox;
class QTabWidget;
class QUndoStack;

namespace Gatehouse::Core::Aws {
class StsClient;
}

namespace Gatehouse::Ui {

class AuthPanel;
class EnvironmentSelector;
class KeyValueTable;
class ResponseView;

// The HTTP request builder: edits a Core::RequestSpec, sends it with Core::HttpClient and
// shows the answer, without ever blocking the window.
class RequestBuilderWidget : public QWidget
{
    Q_OBJECT

public:
    // Bodies longer than this go to a temporary file as they arrive (Core::BodySpool) and are
    // shown from it; below it a body is held in memory and formatted.
    static constexpr qint64 DefaultSpoolThreshold = 64 * 1024 * 1024;
    void setSpoolThreshold(qint64 bytes) { m_spoolThreshold = bytes; }

    explicit RequestBuilderWidget(QWidget *parent = nullptr);
    ~RequestBuilderWidget() override;

    // Sets method and URL as one undoable step; the rest of the request stays.
    void openRequest(const QString &method, const QString &url);
    Core::RequestSpec requestSpec() const;
    // Replaces the whole document and clears the undo history.
    void setRequestSpec(const Core::RequestSpec &spec);
    QUndoStack *undoStack() const { return m_undoStack; }

    // Requests open side by side, each in its own tab with its last answer: new (Ctrl+T),
    // duplicate, rename, close (Ctrl+W), drag to reorder. Switching tabs replaces the document
    // (and the undo history) with the tab's own.
    QTabBar *requestTabs() const { return m_requestTabs; }
    // answer: shown in the new tab as if it had just come (an exchange reopened from history).
    int newRequestTab(const Core::RequestSpec &spec = {}, const QString &name = {},
                      const std::optional<Core::Result<Core::HttpClientResponse>> &answer = std::nullopt);
    void duplicateRequestTab(int index);
    void renameRequestTab(int index, const QString &name); // empty: named after method and path
    void closeRequestTab(int index); // without asking; the tab bar's close asks first

    // Collections: a tab opened from a collection knows its file, and Ctrl+S (saveAction())
    // writes it back through the link; a new tab's save asks where. A tab with unsaved edits
    // shows a dot, and closing it (or quitting) asks to save, discard or cancel.
    void setCollectionLink(CollectionLink *link) { m_collectionLink = link; }
    // Focuses the tab already showing that request, else opens one.
    int openCollectionRequest(const Core::Collection::RequestLocation &location,
                              const Core::Collection::CollectionRequest &request);
    bool saveRequestTab(int index);
    bool isRequestTabModified(int index) const;
    std::optional<Core::Collection::RequestLocation> requestTabOrigin(int index) const;
    // Save / Discard / Cancel for the modified ones; false when the person cancelled.
    bool confirmCloseTabs(const QList<int> &indexes);
    bool confirmCloseAll();
    // Tabs whose request was renamed, moved or deleted on disk keep their text; a deleted
    // one forgets its origin (and so counts as unsaved).
    void collectionChanged(const QString &directory);
    // Tabs follow their request when it moves (CollectionsPanel::itemMoved).
    void collectionItemMoved(const QString &directory, const QString &fromFolder, const QString &toFolder,
                             const QString &fromStem, const QString &toStem);
    QAction *saveAction() const { return m_saveAction; }
    QCheckBox *inheritAuthBox() const { return m_inheritAuth; }
    // A pasted cURL command: its first request replaces the current tab's, others get new
    // tabs; false when the text holds no curl command (it is then pasted as text).
    bool importCurlText(const QString &text);
    // Imported requests in tabs (the first replacing the current tab's document when
    // replaceCurrent): credentials the importer hid as {{variables}} are filled back in, since a
    // tab lives in memory and what the person pasted must not be lost.
    void openImported(const Core::Import::ImportResult &result, bool replaceCurrent);

    // Variables defined in the Variables tab override the base environment's.
    void setBaseEnvironment(const Core::Environment &environment);
    Core::Environment environment() const;
    // Reads a Postman export or a flat {"key": "value"} file as the base environment.
    Core::Result<void> loadEnvironment(const QString &path);
    // The top bar's saved-environment switch; its choice becomes the base environment.
    EnvironmentSelector *environmentSelector() const { return m_environmentSelector; }

    // Proxy, TLS and cookies for this builder's requests (File › Network Settings); a banner
    // stays up while TLS verification is off.
    Core::Result<void> setHttpOptions(const Core::HttpOptions &options);
    Core::HttpClient *httpClient() const { return m_client; }
    QLabel *tlsWarning() const { return m_tlsWarning; }

    // True from Send until the answer, including while credentials are resolved and signed.
    bool isSending() const { return m_exchanges.contains(m_shownTabId); }
    ResponseView *responseView() const { return m_response; }
    AuthPanel *authPanel() const { return m_auth; }
    Core::Aws::RequestAuthorizer *authorizer() const { return m_authorizer; }
    // The toolbar target that the Auth tab's "From the toolbar target" source signs with.
    Core::Target target() const { return m_authorizer->target(); }

public Q_SLOTS:
    void setTarget(const Gatehouse::Core::Target &target);
    void send();
    void cancel();

Q_SIGNALS:
    void requestFinished(const Gatehouse::Core::Result<Gatehouse::Core::HttpClientResponse> &result);
    // With requestFinished: the document that was sent and the variables it was sent with.
    void exchangeFinished(const Gatehouse::Core::RequestSpec &sent,
                          const Gatehouse::Core::Environment &environment,
                          const Gatehouse::Core::Result<Gatehouse::Core::HttpClientResponse> &result);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum MergeId { UrlTypingId = 1, MethodTypingId = 2, TimeoutId = 3 };

    struct TabState
    {
        Core::RequestSpec spec;
        QString name; // empty: "METHOD /path"
        std::optional<Core::Result<Core::HttpClientResponse>> answer;
        std::optional<Core::Collection::RequestLocation> origin;
        Core::Collection::CollectionRequest saved; // what the file holds (its tests, file stem)
        bool inheritAuth = false;
        Core::RequestSpec baseline; // as last opened or saved, to tell unsaved edits
        bool baselineInherit = false;
        QString baselineName;
        bool orphaned = false; // its file was deleted while the tab was open
    };
    void setupCollections();
    void setupInheritAuth();
    void resetBaseline(int id);
    bool isTabModified(int id) const;
    void onDocumentEdited();
    void requestCloseTab(int index);
    Core::Collection::CollectionRequest tabRequest(int index) const;
    // For a tab of a collection: the collection's variables below the environment's, and its
    // auth when the request inherits (Core::Collection's resolution, as `gatehouse run`).
    bool applyCollection(Core::RequestSpec &spec, Core::Environment &environment);
    QWidget *buildRequestTabs();
    void switchToTab(int index);
    void storeCurrentTab();
    void updateRequestTabTitle(int index);
    int currentTabId() const;
    QWidget *buildRequestLine();
    void setupSendButton();
    void buildTabs();
    QWidget *buildBodyTab();
    QWidget *buildVariablesTab();
    // Timeout and redirects: the request's own, saved with it (RequestSpec).
    QWidget *buildSettingsTab();
    void applyTimeout(const QString &seconds);
    void applyFollowRedirects(const QString &on);
    void chooseEnvironmentFile();
    void updateEnvironmentLabel();
    void setupUndo();
    void onUrlEdited(const QString &text);
    void onMethodEdited(const QString &text);
    void onParamsEdited();
    void onBodyChanged();
    void onFinished(int tabId, const Core::Result<Core::HttpClientResponse> &result);
    void signAndSend(int tabId, const Core::HttpClientRequest &request, const Core::RequestAuth &auth);
    void startJob(int tabId, const Core::HttpClientRequest &request);
    // Ends a tab's exchange before an answer (credentials or token failed, cancelled while
    // authorizing): the tab keeps the error as its answer.
    void failExchange(int tabId, const Core::Error &error);
    // The pending line of the shown tab's exchange, when it is that tab's.
    void showPendingFor(int tabId, const QString &message = QString());
    void applyUrl(const QString &text);
    void applyMethod(const QString &text);
    void syncParamsFromUrl();
    void sealTyping();
    void updateTabTitles();
    void showProblem(const QString &text);
    void setSending(bool sending);

    Core::HttpClient *m_client;
    QUndoStack *m_undoStack;
    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QLabel *m_problem;
    QLabel *m_tlsWarning = nullptr;
    QTabWidget *m_tabs;
    KeyValueTable *m_params;
    KeyValueTable *m_headers;
    KeyValueTable *m_variables;
    QComboBox *m_bodyKind;
    QPlainTextEdit *m_body;
    KeyValueTable *m_formFields = nullptr;
    QLineEdit *m_bodyFile = nullptr;
    QWidget *m_bodyFileRow = nullptr;
    QStackedWidget *m_bodyPages = nullptr;
    QLabel *m_bodyStatus;
    QLabel *m_environmentLabel;
    EnvironmentSelector *m_environmentSelector;
    ResponseView *m_response;
    AuthPanel *m_auth;
    Core::Aws::StsClient *m_sts;
    Core::Aws::RequestAuthorizer *m_authorizer;
    // OAuth 2.0: the request without its token and the resolved settings, so a 401 can renew the
    // token and send once more (never twice).
    struct OAuthSend
    {
        Core::HttpClientRequest request;
        Core::OAuth2Settings settings;
        bool retried = false;
    };
    // One request in flight, per request tab: tabs send independently, as in Postman, and each
    // answer lands in its own tab.
    struct Exchange
    {
        quint64 id = 0;                 // a callback of an older send of the tab reports nothing
        QPointer<Core::HttpJob> job;    // null while credentials or a token are being fetched
        QString pending;                // what is being waited for, for the tab when shown
        std::optional<OAuthSend> oauth;
        Core::RequestSpec sentSpec;     // what the answer answers, for exchangeFinished
        Core::Environment sentEnvironment;
    };
    QHash<int, Exchange> m_exchanges; // by tab id
    quint64 m_sendId = 0;
    // The tab's exchange if it is still the one with that id.
    Exchange *exchange(int tabId, quint64 id);
    void tokenAndSend(int tabId);
    Core::Environment m_baseEnvironment;
    QList<Core::QueryParam> m_urlParams; // the params as the URL holds them now
    QString m_lastUrl;
    QString m_lastMethod;
    QSpinBox *m_timeout = nullptr;      // seconds
    QCheckBox *m_followRedirects = nullptr;
    QString m_lastTimeout = QStringLiteral("30");
    qint64 m_spoolThreshold = DefaultSpoolThreshold;
    bool m_applying = false;
    QTabBar *m_requestTabs = nullptr;
    QHash<int, TabState> m_tabStates; // by the tab's id (tabData), which survives reordering
    int m_nextTabId = 1;
    int m_shownTabId = 0;  // the tab whose document the editors hold
    CollectionLink *m_collectionLink = nullptr;
    QAction *m_saveAction = nullptr;
    QCheckBox *m_inheritAuth = nullptr;
    QLabel *m_inheritNote = nullptr;
};

} // namespace Gatehouse::Ui
