#include "commands.h"
#include "emulatorwiring.h"

#include "core/emulator/emulatorhost.h"
#include "ui/mainwindow.h"
#include "ui/widgets/translationloader.h"

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

// Where the bundled labs are for the lab chooser: beside an installed program, or, run from
// the tree (./packaging/dev run --lab resources/labs/bakery), the labs folder the starting lab is in.
QString labsFolder(const QString &startupLab)
{
    const QString installed = defaultLabDirectory();
    if (!installed.isEmpty())
        return QFileInfo(installed).absolutePath();
    const QFileInfo parent(QFileInfo(QDir::cleanPath(startupLab)).absolutePath());
    return !startupLab.isEmpty() && parent.fileName() == QLatin1String("labs") ? parent.absoluteFilePath() : QString();
}

void installTranslations(QApplication &app)
{
    // Qt's own strings (the standard OK/Cancel buttons, file dialogs) from Debian's
    // qt6-translations-l10n; missing files only leave them in English.
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
    // Ours: German, or English plural forms for every other locale.
    auto *translator = new QTranslator(&app);
    if (Ui::loadTranslation(*translator, QLocale()))
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
    const QString commandLineLab = parser.isSet(labOption) ? parser.value(labOption) : QString();
    options.labDirectory = EmulatorWiring::startupLab(commandLineLab, defaultLabDirectory());

    Ui::MainWindow window;
    Emulator::EmulatorHost host;
    EmulatorWiring wiring(&window, &host, options, labsFolder(options.labDirectory));
    wiring.start();

    if (qEnvironmentVariableIsSet("GATEHOUSE_BENCH_STARTUP"))
        new StartupProbe(&window, startMs);
    window.show();
    return QApplication::exec();
}

} // namespace Gatehouse::App
