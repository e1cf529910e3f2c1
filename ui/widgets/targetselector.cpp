#include "targetselector.h"

#include "core/settings.h"
#include "customendpointdialog.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QIcon>
#include <QTimer>

namespace Gatehouse::Ui {

namespace {

constexpr int TargetRole = Qt::UserRole;
constexpr int AskCustomRole = Qt::UserRole + 1;

const QUrl defaultEmulatorUrl(QStringLiteral("http://127.0.0.1:4577"));

Core::Target itemTarget(const QComboBox *combo, int index)
{
    return combo->itemData(index, TargetRole).value<Core::Target>();
}

} // namespace

TargetSelector::TargetSelector(QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_refreshTimer(new QTimer(this))
    , m_emulatorBaseUrl(defaultEmulatorUrl)
    , m_current(Core::Target::emulator(defaultEmulatorUrl))
{
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(28);
    m_combo->setAccessibleName(tr("Target"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);

    m_customEndpoints = Core::Settings().value(Core::SettingsKeys::CustomEndpoints);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &TargetSelector::onCurrentIndexChanged);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(200);
    connect(m_refreshTimer, &QTimer::timeout, this, &TargetSelector::refreshProfilesIfChanged);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_refreshTimer,
            qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_refreshTimer,
            qOverload<>(&QTimer::start));
    reloadProfiles();
}

void TargetSelector::setEmulatorBaseUrl(const QUrl &baseUrl)
{
    if (baseUrl == m_emulatorBaseUrl)
        return;
    m_emulatorBaseUrl = baseUrl;
    const bool onEmulator = m_current.kind() == Core::Target::Kind::Emulator;
    rebuild(onEmulator ? Core::Target::emulator(baseUrl) : m_current);
}

void TargetSelector::reloadProfiles()
{
    m_problems.clear();
    m_profiles = Core::listAwsProfiles(&m_problems);
    watchProfileFiles();
    updateToolTip();
    rebuild(m_current);
}

void TargetSelector::addCustomEndpoint(const QUrl &endpoint)
{
    const QString text = endpoint.toString();
    m_customEndpoints.removeAll(text);
    m_customEndpoints.prepend(text);
    while (m_customEndpoints.size() > Core::SettingsKeys::MaximumCustomEndpoints)
        m_customEndpoints.removeLast();
    Core::Settings().setValue(Core::SettingsKeys::CustomEndpoints, m_customEndpoints);
    rebuild(Core::Target::custom(endpoint));
}

void TargetSelector::askForCustomEndpoint()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new CustomEndpointDialog(m_customEndpoints, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &CustomEndpointDialog::endpointAccepted, this,
            &TargetSelector::addCustomEndpoint);
    connect(m_dialog, &QDialog::rejected, this, [this] { select(m_current); });
    m_dialog->open();
}

void TargetSelector::rebuild(const Core::Target &wanted)
{
    m_rebuilding = true;
    m_combo->clear();
    const Core::Target emulator = Core::Target::emulator(m_emulatorBaseUrl);
    m_combo->addItem(QIcon(QStringLiteral(":/icons/emulator.svg")), emulator.describe(),
                     QVariant::fromValue(emulator));
    if (!m_profiles.isEmpty())
        m_combo->insertSeparator(m_combo->count());
    for (const Core::AwsProfileInfo &profile : std::as_const(m_profiles)) {
        const Core::Target target = Core::Target::awsProfile(profile.name, profile.region);
        m_combo->addItem(target.describe(), QVariant::fromValue(target));
    }
    m_combo->insertSeparator(m_combo->count());
    for (const QString &endpoint : std::as_const(m_customEndpoints)) {
        const Core::Target target = Core::Target::custom(QUrl(endpoint));
        m_combo->addItem(target.describe(), QVariant::fromValue(target));
    }
    m_combo->addItem(tr("Custom endpoint…"));
    m_combo->setItemData(m_combo->count() - 1, true, AskCustomRole);
    const int index = indexOf(wanted);
    m_combo->setCurrentIndex(index < 0 ? 0 : index);
    m_rebuilding = false;
    commit(m_combo->currentIndex());
}

int TargetSelector::indexOf(const Core::Target &target) const
{
    for (int i = 0; i < m_combo->count(); ++i) {
        if (m_combo->itemData(i, AskCustomRole).toBool() ||
            !m_combo->itemData(i, TargetRole).isValid())
            continue;
        const Core::Target candidate = itemTarget(m_combo, i);
        if (candidate.kind() != target.kind())
            continue;
        switch (target.kind()) {
        case Core::Target::Kind::Emulator:
            return i;
        case Core::Target::Kind::AwsProfile:
            if (candidate.profile() == target.profile())
                return i;
            break;
        case Core::Target::Kind::Custom:
            if (candidate.endpoint() == target.endpoint())
                return i;
            break;
        }
    }
    return -1;
}

void TargetSelector::onCurrentIndexChanged(int index)
{
    if (m_rebuilding || index < 0)
        return;
    if (m_combo->itemData(index, AskCustomRole).toBool()) {
        askForCustomEndpoint();
        return;
    }
    commit(index);
}

void TargetSelector::commit(int index)
{
    if (index < 0 || !m_combo->itemData(index, TargetRole).isValid())
        return;
    const Core::Target target = itemTarget(m_combo, index);
    if (target == m_current)
        return;
    m_current = target;
    emit targetChanged(m_current);
}

void TargetSelector::select(const Core::Target &target)
{
    const int index = indexOf(target);
    m_rebuilding = true;
    m_combo->setCurrentIndex(index < 0 ? 0 : index);
    m_rebuilding = false;
}

void TargetSelector::refreshProfilesIfChanged()
{
    QList<Core::Error> problems;
    const QList<Core::AwsProfileInfo> profiles = Core::listAwsProfiles(&problems);
    watchProfileFiles();
    auto messages = [](const QList<Core::Error> &errors) {
        QStringList out;
        for (const Core::Error &error : errors)
            out << error.message;
        return out;
    };
    if (profiles == m_profiles && messages(problems) == messages(m_problems))
        return;
    m_profiles = profiles;
    m_problems = problems;
    updateToolTip();
    rebuild(m_current);
}

// Editors often replace a file instead of writing it in place, which ends a file watch; the
// folders are watched too so that new and replaced files are seen.
void TargetSelector::watchProfileFiles()
{
    for (const QString &path : {Core::awsConfigFilePath(), Core::awsCredentialsFilePath()}) {
        const QFileInfo file(path);
        if (file.exists() && !m_watcher->files().contains(file.absoluteFilePath()))
            m_watcher->addPath(file.absoluteFilePath());
        const QString folder = file.absolutePath();
        if (QFileInfo(folder).isDir() && !m_watcher->directories().contains(folder))
            m_watcher->addPath(folder);
    }
}

void TargetSelector::updateToolTip()
{
    QString tip =
        tr("Where requests go: the embedded emulator, an AWS profile, or a custom endpoint.");
    if (!m_problems.isEmpty()) {
        tip += QStringLiteral("\n\n") + tr("Some lines of the AWS config files were skipped:");
        for (const Core::Error &problem : std::as_const(m_problems))
            tip += QStringLiteral("\n• ") + problem.message;
    }
    m_combo->setToolTip(tip);
}

} // namespace Gatehouse::Ui
