#include "commands.h"

#include "core/emulator/emulatorhost.h"
#include "ui/emulator/emulatorpanel.h"
#include "ui/mainwindow.h"
#include "ui/websocket/websocketconsole.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

namespace Gatehouse::App {

namespace {

// The bakery lab beside an installed program, or none.
QString defaultLabDirectory()
{
    const QString installed = QCoreApplication::applicationDirPath()
                              + QStringLiteral("/../share/gatehouse/labs/bakery");
    return QFileInfo(installed + QStringLiteral("/template.yaml")).exists()
               ? QDir(installed).absolutePath()
               : QString();
}

void installTranslations(QApplication &app)
{
    // Qt's own strings (the standard OK/Cancel buttons, file dialogs) from Debian's
    // qt6-translations-l10n; missing files only leave them in English.
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("gatehouse"), QStringLiteral("_"),
                         QStringLiteral(":/i18n")))
        QApplication::installTranslator(translator);
}

long residentKilobytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// GATEHOUSE_BENCH_STARTUP=1: print when the first frame was painted and the resident memory
// once idle, then quit. tests/bench compares this with a bare QWidget program.
class StartupProbe : public QObject
{
public:
    StartupProbe(QWidget *window, qint64 processStartMs)
        : QObject(window), m_start(processStartMs)
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_painted) {
            m_painted = true;
            QTextStream(stdout) << "first-paint-ms "
                                << QDateTime::currentMSecsSinceEpoch() - m_start << Qt::endl;
            QTimer::singleShot(3000, this, [] {
                QTextStream(stdout) << "idle-rss-kb " << residentKilobytes() << Qt::endl;
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    qint64 m_start;
    bool m_painted = false;
};

qint64 processStartMs()
{
    bool ok = false;
    const qint64 fromEnv = qEnvironmentVariableIntValue("GATEHOUSE_BENCH_T0_MS", &ok);
    return ok ? fromEnv : QDateTime::currentMSecsSinceEpoch();
}

} // namespace

int runGui(int &argc, char **argv)
{
    const qint64 startMs = processStartMs();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Gatehouse"));
    QApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QApplication::setApplicationVersion(QStringLiteral(GATEHOUSE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/gatehouse.svg")));
    installTranslations(app);

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption labOption(QStringLiteral("lab"), QApplication::translate("gui", "Lab folder to load into the emulator."), QStringLiteral("DIR"));
    const QCommandLineOption portOption(QStringLiteral("port"), QApplication::translate("gui", "Emulator port (default 4577)."), QStringLiteral("N"), QStringLiteral("4577"));
    parser.addOptions({labOption, portOption});
    parser.process(app);

    Emulator::EmulatorOptions options;
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    options.port = portOk && port <= 65535 ? static_cast<quint16>(port) : 4577;
    options.labDirectory = parser.isSet(labOption)
                               ? QFileInfo(parser.value(labOption)).absoluteFilePath()
                               : defaultLabDirectory();

    Ui::MainWindow window;
    Emulator::EmulatorHost host;
    Ui::EmulatorPanel *panel = window.emulatorPanel();
    QObject::connect(&host, &Emulator::EmulatorHost::started, panel, &Ui::EmulatorPanel::setInfo);
    // The emulator's keys go straight to the one consumer that signs calls to it in-process;
    // they never travel inside EmulatorInfo (ARCHITECTURE.md, WebSocket server panel).
    QObject::connect(&host, &Emulator::EmulatorHost::signingCredentialsChanged, window.webSocketConsole(),
                     &Ui::WebSocketConsole::setEmulatorCredentials);
    QObject::connect(&host, &Emulator::EmulatorHost::failed, panel, &Ui::EmulatorPanel::setFailed);
    QObject::connect(&host, &Emulator::EmulatorHost::stopped, panel, &Ui::EmulatorPanel::setStopped);
    QObject::connect(&host, &Emulator::EmulatorHost::invocationFinished, panel,
                     &Ui::EmulatorPanel::appendInvocation);
    panel->setStarting();
    host.start(options);

    if (qEnvironmentVariableIsSet("GATEHOUSE_BENCH_STARTUP"))
        new StartupProbe(&window, startMs);
    window.show();
    return QApplication::exec();
}

} // namespace Gatehouse::App
