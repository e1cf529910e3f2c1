#pragma once

#include "core/emulatorinfo.h"
#include "core/requestspec.h"
#include "core/websocket/messagelog.h"
#include "core/websocket/messagesnippets.h"
#include "core/websocket/websocketsession.h"
#include "ui/widgets/awskeysform.h"

#include <QWidget>
#include <memory>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace Gatehouse::Core::Aws {
class StsClient;
}

namespace Gatehouse::Ui {

class WebSocketSnippetsPanel;

// One WebSocket connection of the console: the connection form, the state line, the composer
// and the message log with its filter and detail pane. Frames go through the core MessageLog,
// whose batching keeps the view responsive at high message rates.
class WebSocketConnectionView : public QWidget
{
    Q_OBJECT

public:
    explicit WebSocketConnectionView(QWidget *parent = nullptr);
    ~WebSocketConnectionView() override;

    Core::WebSocketSession *session() const { return m_session; }
    Core::MessageLog *log() const { return m_log; }
    QLineEdit *urlEdit() const { return m_url; }
    QPlainTextEdit *composer() const { return m_composer; }
    QLabel *stateLabel() const { return m_state; }
    QTableView *logView() const { return m_view; }
    QPlainTextEdit *detail() const { return m_detail; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *composerMode() const { return m_mode; }
    QLabel *composerError() const { return m_composerError; }
    QSpinBox *pingSeconds() const { return m_pingSeconds; }
    QLabel *latencyLabel() const { return m_latency; }
    QComboBox *routeHelper() const { return m_routes; }
    WebSocketSnippetsPanel *snippetsPanel() const { return m_snippetsPanel; }
    QLabel *droppedLabel() const { return m_dropped; }
    QComboBox *authCombo() const { return m_auth; }
    // SigV4: where the keys come from (profile or typed temporary credentials) and the fields.
    QComboBox *credentialSource() const { return m_awsRow->credentialSource(); }
    QComboBox *profileCombo() const { return m_awsRow->profileCombo(); }
    QLineEdit *regionEdit() const { return m_region; }
    QLineEdit *accessKeyEdit() const { return m_awsRow->accessKeyEdit(); }
    QLineEdit *secretKeyEdit() const { return m_awsRow->secretKeyEdit(); }
    QLineEdit *sessionTokenEdit() const { return m_awsRow->sessionTokenEdit(); }
    // Re-reads the profiles of ~/.aws/config and credentials (AWS_CONFIG_FILE and
    // AWS_SHARED_CREDENTIALS_FILE when set).
    void reloadProfiles();

    // The console's saved messages, shared by its connections (not owned).
    void setSnippets(Core::MessageSnippets *snippets);
    // The composer's message as a snippet named name.
    Core::MessageSnippet currentMessage(const QString &name = {}) const;
    // Puts snippet into the composer in its mode, as one edit: Ctrl+Z brings back what was there.
    void insertSnippet(const Core::MessageSnippet &snippet);

    // The emulator's APIs: when the URL is one of its WebSocket APIs, the composer offers that
    // API's route keys (routeHelper), each inserted as {"action":"<route>"}.
    void setEmulatorInfo(const Core::EmulatorInfo &info);
    // Sets "action" of the composer's JSON object to `routeKey` (an empty composer becomes
    // {"action":"<routeKey>"}); text that is not a JSON object is left alone and the error
    // line says why.
    void insertAction(const QString &routeKey);

    // The options the form describes; an error names the field to fix.
    Core::Result<Core::WebSocketConnectOptions> options() const;
    // SigV4 only: where the credentials come from; secrets live in the fields and here only.
    Core::RequestAuth sigV4Auth() const;
    void connectOrDisconnect();
    void send();
    bool exportTo(const QString &fileName);

signals:
    void titleChanged(const QString &title);

private:
    QWidget *buildForm();
    QWidget *buildComposer();
    QWidget *buildLog();
    void openWith(Core::WebSocketConnectOptions options);
    void updateState();
    void applyFilter();
    void showDetail();
    void loadFile();
    void updateRouteHelper();
    void updateAuthRows();
    void updateDropped(qint64 dropped);

    Core::WebSocketSession *m_session;
    Core::MessageLog *m_log;
    Core::MessageLogFilter *m_filterModel;
    std::unique_ptr<Core::Aws::StsClient> m_sts;
    QLineEdit *m_url = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_region = nullptr;
    QFormLayout *m_authForm = nullptr;
    AwsKeysForm *m_awsRow = nullptr;
    QLineEdit *m_subprotocols = nullptr;
    QTableWidget *m_headers = nullptr;
    QCheckBox *m_reconnect = nullptr;
    QSpinBox *m_pingSeconds = nullptr;
    QPushButton *m_connect = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_latency = nullptr;
    QComboBox *m_mode = nullptr;
    QPlainTextEdit *m_composer = nullptr;
    QLabel *m_composerError = nullptr;
    QPushButton *m_send = nullptr;
    QComboBox *m_routes = nullptr;
    WebSocketSnippetsPanel *m_snippetsPanel = nullptr;
    QLabel *m_dropped = nullptr;
    Core::EmulatorInfo m_emulator;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_regex = nullptr;
    QComboBox *m_direction = nullptr;
    QCheckBox *m_autoscroll = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_detail = nullptr;
};

} // namespace Gatehouse::Ui
