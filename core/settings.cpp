#include "settings.h"

namespace Gatehouse::Core {

Settings::Settings()
    : m_settings(QStringLiteral("Gatehouse"), QStringLiteral("Gatehouse"))
{}

} // namespace Gatehouse::Core
