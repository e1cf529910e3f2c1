#pragma once

#include "core/aws/credentials.h"
#include "core/emulatorinfo.h"
#include "core/error.h"
#include "core/result.h"
#include "core/websocket/connectionsapi.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace Gatehouse::Core {
class ConnectionListModel;
namespace Aws {
class AwsCall;
class AwsClient;
class CredentialsProvider;
class StsClient;
} // namespace Aws
} // namespace Gatehouse::Core

namespace Gatehouse::Ui {

// The server side of the WebSocket console: the live connections of one of the emulator's
// WebSocket APIs (refreshed every two seconds while shown), and @connections Post, Inspect
// and Drop for a chosen connection, on the emulator or on AWS (where no listing exists, so the
// id is typed). Everything goes over HTTP, signed, as any other client would call it: the
// emulator with the keys it handed this process, AWS with a profile's credential chain.
class WebSocketServerPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int RefreshIntervalMs = 2000;

    explicit WebSocketServerPanel(QWidget *parent = nullptr);
    ~WebSocketServerPanel() override;

    // The emulator's WebSocket APIs become targets; its keys sign the calls to it.
    void setEmulatorInfo(const Core::EmulatorInfo &info);
    void setEmulatorCredentials(const Core::Aws::Credentials &credentials);

    void refresh();
    void inspect();
    void post();
    // Asks first; the DELETE goes out only after a yes.
    void drop();

    QComboBox *targetCombo() const { return m_target; }
    QLineEdit *awsUrlEdit() const { return m_awsUrl; }
    QComboBox *profileCombo() const { return m_profile; }
    QTableView *table() const { return m_table; }
    Core::ConnectionListModel *model() const { return m_model; }
    QLineEdit *connectionIdEdit() const { return m_connectionId; }
    QPlainTextEdit *messageEdit() const { return m_message; }
    QPlainTextEdit *detail() const { return m_detail; }
    QLabel *statusLabel() const { return m_status; }
    // The listing's state: how many connections as of when, or why there is no list.
    QLabel *listStateLabel() const { return m_listState; }
    QCheckBox *autoRefreshBox() const { return m_autoRefresh; }
    QPushButton *dropButton() const { return m_dropButton; }

signals:
    // A call finished: ok or with the words shown in statusLabel().
    void callFinished(bool ok, const QString &status);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Call;
    bool emulatorSelected() const;
    // The selected API's @connections base, region and keys; the error in words otherwise.
    Core::Result<Call> resolveCall();
    void send(const Call &call, const Core::Aws::AwsRequest &request,
              std::function<void(const Core::HttpClientResponse &)> done, const QString &what);
    void sendDelete();
    void onTargetChanged();
    void updateTimer();
    void updateButtons();
    void showStatus(const QString &text, bool error);
    void showListState(const QString &text, bool error);
    QString words(const Core::Error &error, const QString &connectionId) const;

    QComboBox *m_target;
    QWidget *m_awsRow;
    QLineEdit *m_awsUrl;
    QComboBox *m_profile;
    QCheckBox *m_autoRefresh;
    QPushButton *m_refreshButton;
    QTableView *m_table;
    QLabel *m_listState;
    Core::ConnectionListModel *m_model;
    QLineEdit *m_connectionId;
    QPushButton *m_inspectButton;
    QPushButton *m_dropButton;
    QPlainTextEdit *m_message;
    QPushButton *m_postButton;
    QPlainTextEdit *m_detail;
    QLabel *m_status;
    QTimer *m_timer;

    Core::EmulatorInfo m_info;
    Core::Aws::Credentials m_emulatorCredentials; // memory only, never shown or saved
    Core::Aws::AwsClient *m_client;
    std::unique_ptr<Core::Aws::StsClient> m_sts;
    QPointer<Core::Aws::AwsCall> m_listing; // one listing in flight at a time
    quint64 m_generation = 0;               // answers for an earlier target are dropped
    bool m_currentLeaving = false;          // the selected row is being removed
};

} // namespace Gatehouse::Ui
