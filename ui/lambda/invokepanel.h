#pragma once

#include "core/aws/lambdaclient.h"
#include "core/testeventstore.h"

#include <QElapsedTimer>
#include <QMap>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace Gatehouse::Ui {

// Invokes one function: qualifier, invocation type, a JSON payload (typed, from a saved test
// event or from an AWS sample event), then status, executed version, function error,
// duration, the answer and the decoded log tail. "Run N times" against an alias shows which
// versions actually answered beside the alias's configured weights.
class InvokePanel : public QWidget
{
    Q_OBJECT

public:
    explicit InvokePanel(QWidget *parent = nullptr);

    // client may be null (no target); context owns the calls (the viewer's session).
    void setClient(Core::Aws::LambdaClient *client, QObject *context);
    void setFunction(const QString &function);
    void setQualifiers(const QStringList &versions, const QList<Core::Aws::LambdaAliasConfiguration> &aliases);
    void setEventStore(const Core::TestEventStore &store);

    QString function() const { return m_function; }
    QComboBox *qualifierBox() const { return m_qualifier; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *eventBox() const { return m_events; }
    QLineEdit *eventNameEdit() const { return m_eventName; }
    QPlainTextEdit *payloadEditor() const { return m_payload; }
    QLabel *payloadStatus() const { return m_payloadStatus; }
    QPushButton *invokeButton() const { return m_invoke; }
    QSpinBox *runCountBox() const { return m_runCount; }
    QPushButton *runButton() const { return m_run; }
    QLabel *resultSummary() const { return m_summary; }
    QPlainTextEdit *responseView() const { return m_response; }
    QPlainTextEdit *logView() const { return m_log; }
    QTableWidget *splitTable() const { return m_split; }
    // Payloads over this size are kept as bytes, not shown in the editor: laying out megabytes
    // of one-line JSON would freeze the window.
    static constexpr qsizetype EditorLimit = 1024 * 1024;
    // Reads a payload from a file (the "Load file…" button); the error says what went wrong.
    Core::Result<void> loadPayloadFile(const QString &path);
    void setPayload(const QByteArray &payload, const QString &source = {});
    QByteArray payload() const;
    bool hasLargePayload() const { return !m_largePayload.isNull(); }
    QPushButton *loadFileButton() const { return m_loadFile; }
    QPushButton *discardLargeButton() const { return m_discardLarge; }
    bool isRunning() const { return m_runRemaining > 0 || m_runInFlight > 0; }
    // Observed invocations per executed version in the last "Run N times".
    QMap<QString, int> observedSplit() const { return m_observed; }

public slots:
    void invoke();
    void runTimes();
    void saveEvent();
    void chooseFile();
    void deleteEvent();

signals:
    void invoked(const QString &executedVersion);

private:
    void onEventChosen(int index);
    void validatePayload();
    void reloadSavedEvents(const QString &select = {});
    void showResult(const Core::Result<Core::Aws::LambdaInvokeResult> &result, qint64 elapsedMs);
    void startNextRun();
    void finishRun();
    void updateSplitTable();
    QMap<QString, double> configuredSplit() const;
    Core::Aws::LambdaInvokeRequest request() const;
    void updateButtons();

    QPointer<Core::Aws::LambdaClient> m_client;
    QPointer<QObject> m_context;
    QString m_function;
    QList<Core::Aws::LambdaAliasConfiguration> m_aliases;
    Core::TestEventStore m_store;
    bool m_payloadValid = true;
    bool m_invoking = false;

    QComboBox *m_qualifier = nullptr;
    QComboBox *m_type = nullptr;
    QCheckBox *m_tail = nullptr;
    QComboBox *m_events = nullptr;
    QLineEdit *m_eventName = nullptr;
    QPushButton *m_saveEvent = nullptr;
    QPushButton *m_deleteEvent = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QPushButton *m_loadFile = nullptr;
    QPushButton *m_discardLarge = nullptr;
    QByteArray m_largePayload;
    QString m_largeSource;
    QLabel *m_payloadStatus = nullptr;
    QPushButton *m_invoke = nullptr;
    QSpinBox *m_runCount = nullptr;
    QPushButton *m_run = nullptr;
    QLabel *m_runProgress = nullptr;
    QLabel *m_summary = nullptr;
    QTabWidget *m_resultTabs = nullptr;
    QPlainTextEdit *m_response = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QTableWidget *m_split = nullptr;

    // Run N times
    int m_runRemaining = 0;
    int m_runInFlight = 0;
    int m_runDone = 0;
    int m_runErrors = 0;
    int m_runGeneration = 0;
    QString m_runQualifier;
    QString m_lastRunError;
    QElapsedTimer m_runClock;
    QMap<QString, int> m_observed;
};

} // namespace Gatehouse::Ui
