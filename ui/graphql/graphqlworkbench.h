#pragma once

#include "core/emulatorinfo.h"
#include "core/graphql/graphqlauth.h"
#include "core/graphql/graphqlwire.h"
#include "core/graphql/schema.h"

#include <QPointer>
#include <QTextCursor>
#include <QWidget>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QStackedWidget;
class QTableView;
class QToolButton;
class QTimer;
class QTreeView;

namespace Gatehouse::Core {
class HttpClient;
class JsonTreeModel;
class TokenStore;
namespace GraphQL {
class Executor;
class HttpQuery;
class SubscriptionClient;
class TraceModel;
} // namespace GraphQL
} // namespace Gatehouse::Core

namespace Gatehouse::Ui {

class GraphQLAuthForm;
class GraphQLEditorPanel;
class GraphQLSchemaExplorer;
class KeyValueTable;

// The GraphQL tab: endpoint, AppSync auth (GraphQLAuthForm), the editor with its operation
// picker, variables checked as typed against the picked operation's definitions, headers;
// Run over HTTP (Core::GraphQL::HttpQuery) or, for a subscription, Subscribe/Stop over AppSync
// real-time or graphql-transport-ws (Core::GraphQL::SubscriptionClient) with every frame in the
// Trace tab; the answer with its errors listed (a click marks the error's path in the data and
// its location in the editor); history of sent operations; the schema by introspection. The
// URL, document, variables, headers and auth mode come back at the next start; secrets never
// leave the fields.
class GraphQLWorkbench : public QWidget
{
    Q_OBJECT

public:
    explicit GraphQLWorkbench(QWidget *parent = nullptr);
    ~GraphQLWorkbench() override;

    GraphQLEditorPanel *editorPanel() const { return m_editor; }
    GraphQLSchemaExplorer *schemaExplorer() const { return m_explorer; }
    GraphQLAuthForm *authForm() const { return m_auth; }
    QLineEdit *urlField() const { return m_url; }
    QComboBox *emulatorApiBox() const { return m_emulatorApis; }
    QComboBox *authModeBox() const;
    QLineEdit *secretField() const;
    QComboBox *protocolBox() const { return m_protocol; }
    QLineEdit *realtimeUrlField() const { return m_realtimeUrl; }
    QPushButton *sendButton() const { return m_send; }
    QPlainTextEdit *variablesEditor() const { return m_variables; }
    QLabel *variablesProblem() const { return m_variablesProblem; }
    KeyValueTable *headersTable() const { return m_headers; }
    QPlainTextEdit *resultView() const { return m_result; }
    // The answer (or the latest event) as a collapsible tree, errors' paths marked; shown in place
    // of the text while the toggle is on.
    QTreeView *resultTree() const { return m_resultTree; }
    QToolButton *treeToggle() const { return m_treeToggle; }
    Core::JsonTreeModel *resultTreeModel() const { return m_treeModel; }
    QListWidget *errorList() const { return m_errors; }
    QLabel *statusLabel() const { return m_status; }
    QTableView *traceView() const { return m_traceView; }
    QPlainTextEdit *traceDetail() const { return m_traceDetail; }
    Core::GraphQL::TraceModel *traceModel() const { return m_trace; }
    QListWidget *historyList() const { return m_history; }

    // The running emulator's GraphQL APIs, offered in the picker beside the endpoint; an empty
    // info (stopped, or a lab without them) leaves what was typed alone.
    void setEmulatorInfo(const Core::EmulatorInfo &info);
    // Fills endpoint, real-time URL and auth from the emulator's API and loads its schema; with
    // a resolver's "Type.field" and an empty editor, a starter operation for it once the schema is
    // in. False (and the reason on screen) when the emulator serves no such API.
    bool selectEmulatorApi(const QString &apiId, const QString &field = QString());

    // Tokens signed in on the Auth tab, offered for Cognito/OIDC/Lambda (not owned).
    void setTokenStore(Core::TokenStore *store);

    // Sends the operation under the cursor (or the only one): Run for queries and mutations,
    // Subscribe for a subscription, Stop while one is running.
    void send();
    // Sends the picked operation over HTTP, whatever its kind.
    void run();
    void subscribe();
    void stopSubscription();
    bool subscribed() const;
    // Asks the endpoint for its schema (introspection) and hands it to the editor and explorer.
    void loadSchema();
    // Checks the variables against the picked operation now (otherwise 250 ms after typing);
    // returns the problem in words, empty when they fit.
    QString checkVariables();
    // Marks error `row` of the list: its path in the result and its first location in the editor.
    void showError(int row);

    // The tab's state in the application settings (never a secret), and back.
    void saveState() const;
    void restoreState();

signals:
    // A run or schema load has its answer (or its error) on screen.
    void finished();
    // A subscription event is shown in the result area.
    void eventShown();

private:
    struct Operation
    {
        Core::GraphQL::OperationType type = Core::GraphQL::OperationType::Query;
        QString name;
    };
    std::optional<Operation> pickedOperation() const;
    void updateSendButton();
    bool start(const QString &query, const QString &operationName, const QByteArray &variables, bool forSchema);
    void showAnswer(const QByteArray &body, const QList<Core::GraphQL::ResponseError> &errors);
    // A subscription event (or the server's error message for one) appended to the result, its
    // errors added to the list above it.
    void showEvent(const QString &id, const QByteArray &payload);
    void showEventFailure(const QString &id, const QList<Core::GraphQL::ResponseError> &errors);
    void addErrors(const QList<Core::GraphQL::ResponseError> &errors, const QByteArray &json,
                   const QTextCursor &origin, const QString &prefix);
    // The tree shows json with the errors' paths marked (built when the toggle is on).
    void showInTree(const QByteArray &json, const QList<Core::GraphQL::ResponseError> &errors);
    void rebuildTree();
    void showStatus(const QString &text, bool error);
    std::optional<QUrl> endpoint();
    Core::HttpHeaders extraHeaders() const;
    void remember(const QString &operationName);
    void restoreHistory(QListWidgetItem *item);
    void setSchema(std::shared_ptr<const Core::GraphQL::Schema> schema);
    QWidget *buildRequestSide();
    void onEmulatorApiChosen(int index);
    // Offers the chosen emulator API's lab user pool for a sign-in in the auth form while the
    // endpoint is that API's, and names its OIDC issuers.
    void updateLabSignIn();
    void insertStarterOperation(const QString &field);
    QWidget *buildResultSide();

    Core::HttpClient *m_http;
    QLineEdit *m_url;
    QComboBox *m_emulatorApis;
    Core::EmulatorInfo m_emulator;
    QString m_chosenApiId; // the emulator API picked last, looked for again after a lab switch
    QString m_pendingField; // "Type.field" for a starter operation once the schema is in
    GraphQLAuthForm *m_auth;
    QComboBox *m_protocol;
    QLineEdit *m_realtimeUrl;
    QPushButton *m_loadSchema;
    QPushButton *m_send;
    GraphQLEditorPanel *m_editor;
    QPlainTextEdit *m_variables;
    QLabel *m_variablesProblem;
    QTimer *m_variablesTimer;
    KeyValueTable *m_headers;
    QTabWidget *m_side;
    QLabel *m_status;
    QListWidget *m_errors;
    QPlainTextEdit *m_result;
    QTreeView *m_resultTree;
    QToolButton *m_treeToggle;
    QStackedWidget *m_resultStack;
    Core::JsonTreeModel *m_treeModel;
    QByteArray m_treeJson; // the answer or latest event the tree is about
    QList<QVariantList> m_treeMarks;
    bool m_treeStale = false;
    QByteArray m_resultJson; // the text m_result shows, as UTF-8, for locating error paths
    QTableView *m_traceView;
    QPlainTextEdit *m_traceDetail;
    Core::GraphQL::TraceModel *m_trace;
    QListWidget *m_history;
    GraphQLSchemaExplorer *m_explorer;
    std::unique_ptr<Core::GraphQL::Executor> m_executor; // checks variables against the schema
    QPointer<Core::GraphQL::HttpQuery> m_query;
    QPointer<Core::GraphQL::SubscriptionClient> m_subscription;
    // An error in the list, with the JSON it came in and where that text starts in the result
    // view: one answer, or one of many subscription events (the cursor moves when old events
    // are dropped from the top).
    struct ShownError
    {
        Core::GraphQL::ResponseError error;
        QByteArray json;
        QTextCursor origin;
    };
    QList<ShownError> m_shownErrors;
};

} // namespace Gatehouse::Ui
