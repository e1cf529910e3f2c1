#pragma once

#include "core/import/importresult.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace Gatehouse::Core {
class HttpClient;
class HttpJob;
} // namespace Gatehouse::Core

namespace Gatehouse::Ui {

// File › Import: a pasted cURL command (previewed as it is typed), a file (Postman v2.1,
// OpenAPI 3.0 / Swagger 2.0 in JSON or YAML), an OpenAPI document at a URL or the running
// emulator's APIs, read by Core::Import. Every problem is listed with its line and reason. The
// result goes to request tabs or into a new collection folder; the main window does either
// when asked (openInTabsRequested / createCollectionRequested) and reports back with finish().
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    enum Source { Curl, File, Url, Emulator };

    // client: fetches URLs with the request builder's proxy and TLS options; not owned.
    explicit ImportDialog(Core::HttpClient *client, QWidget *parent = nullptr);
    ~ImportDialog() override;

    QTabWidget *sources() const { return m_sources; }
    QPlainTextEdit *curlText() const { return m_curl; }
    QPlainTextEdit *preview() const { return m_preview; }
    QLineEdit *fileField() const { return m_file; }
    QLineEdit *urlField() const { return m_url; }
    QLineEdit *emulatorField() const { return m_emulator; }
    QLineEdit *targetField() const { return m_target; }
    QListWidget *problemList() const { return m_problems; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *openInTabsButton() const { return m_openInTabs; }
    QPushButton *createCollectionButton() const { return m_createCollection; }
    const Core::Import::ImportResult &result() const { return m_result; }

    void readFile(const QString &path);
    // Fetches urlField() (Url) or emulatorField() (Emulator).
    void fetch(Source source);
    // The outcome of what was asked: closes on success, shows the reason otherwise.
    void finish(const Core::Result<void> &outcome);

Q_SIGNALS:
    void openInTabsRequested(const Gatehouse::Core::Import::ImportResult &result);
    void createCollectionRequested(const QString &directory, const Gatehouse::Core::Import::ImportResult &result);
    // Emitted with no result when a fetch ends, for callers (and tests) that wait for it.
    void resultChanged();

private:
    QWidget *buildCurlPage();
    QWidget *buildFilePage();
    QWidget *buildFetchPage(QLineEdit *field, Source source, const QString &hint);
    void setResult(const Core::Import::ImportResult &result);
    void showStatus(const QString &text, bool problem);
    void updatePreview();
    void chooseTarget();

    Core::HttpClient *m_client;
    QPointer<Core::HttpJob> m_job;
    Core::Import::ImportResult m_result;
    QTabWidget *m_sources;
    QPlainTextEdit *m_curl;
    QPlainTextEdit *m_preview;
    QLineEdit *m_file;
    QLineEdit *m_url;
    QLineEdit *m_emulator;
    QLineEdit *m_target;
    QListWidget *m_problems;
    QLabel *m_status;
    QPushButton *m_openInTabs;
    QPushButton *m_createCollection;
};

} // namespace Gatehouse::Ui
