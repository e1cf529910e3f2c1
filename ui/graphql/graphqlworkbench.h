#pragma once

#include "core/graphql/graphqlauth.h"
#include "core/graphql/schema.h"

#include <QPointer>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace Gatehouse::Core {
class HttpClient;
namespace GraphQL {
class HttpQuery;
}
} // namespace Gatehouse::Core

namespace Gatehouse::Ui {

class GraphQLEditorPanel;
class GraphQLSchemaExplorer;

// The GraphQL tab, a first assembly: endpoint URL, an AppSync auth mode with its secret (kept in
// memory only), the editor with its operation picker, JSON variables, Run (Ctrl+Return) over
// HTTP through Core::GraphQL::HttpQuery, the answer with its errors and paths, and the schema
// loaded by introspection into the editor (validation, completion) and the explorer.
// Subscriptions, headers, IAM credentials and history are for the full tab.
class GraphQLWorkbench : public QWidget
{
    Q_OBJECT

public:
    explicit GraphQLWorkbench(QWidget *parent = nullptr);
    ~GraphQLWorkbench() override;

    GraphQLEditorPanel *editorPanel() const { return m_editor; }
    GraphQLSchemaExplorer *schemaExplorer() const { return m_explorer; }
    QLineEdit *urlField() const { return m_url; }
    QComboBox *authModeBox() const { return m_authMode; }
    QLineEdit *secretField() const { return m_secret; }
    QPlainTextEdit *variablesEditor() const { return m_variables; }
    QPlainTextEdit *resultView() const { return m_result; }
    QLabel *statusLabel() const { return m_status; }

    // Sends the operation under the cursor (or the only one).
    void run();
    // Asks the endpoint for its schema (introspection) and hands it to the editor and explorer.
    void loadSchema();

signals:
    // A run or schema load has its answer (or its error) on screen.
    void finished();

private:
    Core::GraphQL::Auth auth() const;
    bool start(const QString &query, const QString &operationName, const QByteArray &variables, bool forSchema);
    void updateSecretField();
    void showStatus(const QString &text, bool error);

    Core::HttpClient *m_http;
    QLineEdit *m_url;
    QComboBox *m_authMode;
    QLineEdit *m_secret;
    QPushButton *m_loadSchema;
    QPushButton *m_run;
    GraphQLEditorPanel *m_editor;
    QPlainTextEdit *m_variables;
    QTabWidget *m_side;
    QLabel *m_status;
    QPlainTextEdit *m_result;
    GraphQLSchemaExplorer *m_explorer;
    QPointer<Core::GraphQL::HttpQuery> m_query;
};

} // namespace Gatehouse::Ui
