#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace Gatehouse::Core {

// A settings key with its value type and default, so every stored setting is declared once
// (in SettingsKeys below) instead of as scattered QSettings strings.
template<typename T> struct SettingsKey
{
    QLatin1String name;
    T defaultValue{};
};

namespace SettingsKeys {
inline const SettingsKey<QByteArray> MainWindowGeometry{QLatin1String("mainWindow/geometry")};
inline const SettingsKey<QByteArray> MainWindowState{QLatin1String("mainWindow/state")};
inline const SettingsKey<QStringList> CustomEndpoints{QLatin1String("target/customEndpoints")};
// The request builder's environment, by name; empty for none.
inline const SettingsKey<QString> ActiveEnvironment{QLatin1String("requestBuilder/activeEnvironment")};
inline constexpr int MaximumCustomEndpoints = 10;
// Collection folders opened in the Collections sidebar, newest first.
inline const SettingsKey<QStringList> RecentCollections{QLatin1String("collections/recent")};
// The WebSocket console's log caps (Core::MessageLog::setCapacity).
inline const SettingsKey<qlonglong> WebSocketLogMaxMessages{QLatin1String("webSocket/logMaxMessages"),
                                                           1000000};
inline const SettingsKey<qlonglong> WebSocketLogMaxPayloadBytes{
    QLatin1String("webSocket/logMaxPayloadBytes"), qlonglong(256) * 1024 * 1024};
// The GraphQL tab's state, restored at the next start. Never the auth secrets: the mode, the
// IAM profile and region only, and headers whose values are secrets kept by name alone.
inline const SettingsKey<QString> GraphQLUrl{QLatin1String("graphql/url")};
inline const SettingsKey<QString> GraphQLRealtimeUrl{QLatin1String("graphql/realtimeUrl")};
inline const SettingsKey<QString> GraphQLDocument{QLatin1String("graphql/document")};
inline const SettingsKey<QString> GraphQLVariables{QLatin1String("graphql/variables")};
inline const SettingsKey<QStringList> GraphQLHeaders{QLatin1String("graphql/headers")};
inline const SettingsKey<QString> GraphQLAuthMode{QLatin1String("graphql/authMode")};
inline const SettingsKey<QString> GraphQLAwsProfile{QLatin1String("graphql/awsProfile")};
inline const SettingsKey<QString> GraphQLAwsRegion{QLatin1String("graphql/awsRegion")};
inline const SettingsKey<int> GraphQLProtocol{QLatin1String("graphql/protocol")};
// Sent operations, newest first: document, operation, variables, URL and auth mode.
inline const SettingsKey<QVariantList> GraphQLHistory{QLatin1String("graphql/history")};
// The lab the GUI's emulator runs, as last chosen in the GUI (File › Open Lab, the panel's
// chooser); used at the next start unless --lab is given. Lab folders opened, newest first.
inline const SettingsKey<QString> EmulatorLab{QLatin1String("emulator/lab")};
inline const SettingsKey<QStringList> RecentLabs{QLatin1String("emulator/recentLabs")};
inline constexpr int MaximumRecentLabs = 8;
} // namespace SettingsKeys

// Typed access to the application's QSettings store (organisation and application "Gatehouse").
class Settings
{
public:
    Settings();

    template<typename T> T value(const SettingsKey<T> &key) const
    {
        const QVariant stored = m_settings.value(QString(key.name));
        return stored.isValid() ? stored.value<T>() : key.defaultValue;
    }

    template<typename T> void setValue(const SettingsKey<T> &key, const T &value)
    {
        m_settings.setValue(QString(key.name), QVariant::fromValue(value));
    }

    template<typename T> void remove(const SettingsKey<T> &key)
    {
        m_settings.remove(QString(key.name));
    }

private:
    QSettings m_settings;
};

} // namespace Gatehouse::Core
