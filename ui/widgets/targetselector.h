#pragma once

#include "core/awsprofiles.h"
#include "core/error.h"
#include "core/target.h"
#include "customendpointdialog.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QFileSystemWatcher;
class QTimer;

namespace Gatehouse::Ui {

// The toolbar choice of where requests go: the embedded emulator, an AWS profile from the
// shared config files (re-read when they change), or a custom endpoint the person typed
// (remembered across runs).
class TargetSelector : public QWidget
{
    Q_OBJECT

public:
    explicit TargetSelector(QWidget *parent = nullptr);

    Core::Target currentTarget() const { return m_current; }
    QComboBox *comboBox() const { return m_combo; }
    QStringList customEndpoints() const { return m_customEndpoints; }
    QList<Core::Error> profileProblems() const { return m_problems; }
    CustomEndpointDialog *customEndpointDialog() const { return m_dialog; }

public slots:
    void setEmulatorBaseUrl(const QUrl &baseUrl);
    void reloadProfiles();
    void addCustomEndpoint(const QUrl &endpoint);
    void askForCustomEndpoint();

signals:
    void targetChanged(const Gatehouse::Core::Target &target);

private:
    void rebuild(const Core::Target &wanted);
    void commit(int index);
    int indexOf(const Core::Target &target) const;
    void onCurrentIndexChanged(int index);
    void select(const Core::Target &target);
    void updateToolTip();
    void watchProfileFiles();
    void refreshProfilesIfChanged();

    QComboBox *m_combo = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QUrl m_emulatorBaseUrl;
    QList<Core::AwsProfileInfo> m_profiles;
    QStringList m_customEndpoints;
    QList<Core::Error> m_problems;
    Core::Target m_current;
    QPointer<CustomEndpointDialog> m_dialog;
    bool m_rebuilding = false;
};

} // namespace Gatehouse::Ui
