#pragma once

#include "core/emulatorinfo.h"
#include "core/error.h"
#include "core/invocationrecord.h"

#include <QHash>
#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QTableView;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Gatehouse::Core {
class InvocationLogModel;
}

namespace Gatehouse::Ui {

// Shows what the embedded emulator serves — its state, address, lab, APIs and routes — and
// the live invocation log, so a person sees at a glance where to send requests and what ran.
class EmulatorPanel : public QWidget
{
    Q_OBJECT

public:
    explicit EmulatorPanel(QWidget *parent = nullptr);

    Core::InvocationLogModel *invocationLog() const { return m_log; }
    QString stateText() const;
    QUrl baseUrl() const { return m_baseUrl; }
    QTreeWidget *routeTree() const { return m_routes; }
    QTableView *invocationView() const { return m_logView; }
    // The "Lab:" chooser: bundled labs, then recently opened folders, then "Open folder…".
    QComboBox *labChooser() const { return m_labChooser; }
    // The lab folders the chooser offers: the ones shipped beside the program and the ones
    // opened before (newest first). Duplicates and folders without a template.yaml are left out.
    void setLabChoices(const QStringList &bundled, const QStringList &recent);
    // File › Open Lab…: a folder dialog that does not block; a folder with a template.yaml
    // is asked for with labRequested(), any other is refused in words and nothing stops.
    void chooseLabFolder();
    // True when the folder holds what the lab loader reads (template.yaml).
    static bool isLabFolder(const QString &directory);

public slots:
    void setStarting();
    // The emulator stops and starts again on another lab folder: until it answers, nothing runs.
    void setSwitching(const QString &directory);
    void setInfo(const Gatehouse::Core::EmulatorInfo &info);
    void setFailed(const Gatehouse::Core::Error &error);
    void setStopped();
    void appendInvocation(const Gatehouse::Core::InvocationRecord &record);
    // A DynamoDB table's item count changed (a write through the API or an AppSync resolver).
    void setTableItemCount(const QString &tableName, qsizetype itemCount);

signals:
    void routeActivated(const QString &method, const QString &url);
    // A GraphQL API's node or route was clicked; field is the resolver's "Type.field", or empty.
    void graphQlApiActivated(const QString &apiId, const QString &field);
    void baseUrlChanged(const QUrl &baseUrl); // empty when the emulator is not running
    // Everything the running emulator serves; an empty info once it stops.
    void infoChanged(const Gatehouse::Core::EmulatorInfo &info);
    // A person chose another lab folder (chooser or File › Open Lab…).
    void labRequested(const QString &directory);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class State
    {
        Starting,
        Running,
        Failed,
        Stopped
    };

    QWidget *createDetails();
    QLayout *createStateRow(QWidget *details);
    QLayout *createBaseUrlRow(QWidget *details);
    QComboBox *createLabChooser(QWidget *details);
    void onLabChosen(int index);
    void selectRunningLab(const QString &directory, const QString &name);
    QWidget *createRouteTree();
    QWidget *createInvocationLog();
    void setState(State state, const QString &text);
    void setBaseUrl(const QUrl &url);
    void showAddressing(const Core::EmulatorInfo &info);
    void showWarnings(const QStringList &warnings);
    void fillRoutes(const Core::EmulatorInfo &info);
    void clearServed();
    void onRouteClicked(QTreeWidgetItem *item);
    void copyBaseUrl();
    void followLogIfAtBottom();

    Core::InvocationLogModel *m_log = nullptr;
    QLabel *m_stateDot = nullptr;
    QLabel *m_state = nullptr;
    QLineEdit *m_baseUrlEdit = nullptr;
    QToolButton *m_copyButton = nullptr;
    QComboBox *m_labChooser = nullptr;
    QString m_runningLab;  // folder of the lab that runs; empty when none does
    QString m_pendingLab;  // folder asked for and not yet running
    QLabel *m_labFolder = nullptr;
    QLabel *m_region = nullptr;
    QLabel *m_pathStyle = nullptr;
    QLabel *m_hostStyle = nullptr;
    QLabel *m_warnings = nullptr;
    QTreeWidget *m_routes = nullptr;
    QHash<QString, QTreeWidgetItem *> m_tableItems; // DynamoDB table name -> its node in m_routes
    QTableView *m_logView = nullptr;
    QUrl m_baseUrl;
    bool m_followLog = true;
};

} // namespace Gatehouse::Ui
