// The reference for the cold-start figure: a bare QWidget program that reports its first paint
// the same way the gatehouse GUI does (GATEHOUSE_BENCH_T0_MS, "first-paint-ms N").
#include <QApplication>
#include <QDateTime>
#include <QEvent>
#include <QTextStream>
#include <QTimer>
#include <QWidget>

class BareWidget : public QWidget
{
protected:
    bool event(QEvent *e) override
    {
        if (e->type() == QEvent::Paint && !m_painted) {
            m_painted = true;
            const qint64 t0 = qEnvironmentVariable("GATEHOUSE_BENCH_T0_MS").toLongLong();
            QTextStream(stdout) << "first-paint-ms " << QDateTime::currentMSecsSinceEpoch() - t0
                                << Qt::endl;
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QWidget::event(e);
    }

private:
    bool m_painted = false;
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    BareWidget w;
    w.resize(1280, 800);
    w.show();
    return QApplication::exec();
}
