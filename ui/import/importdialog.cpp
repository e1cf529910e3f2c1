#include "importdialog.h"

#include "ui/widgets/statusstyle.h"

#include "core/httpclient.h"
#include "core/httpjob.h"
#include "core/import/curlimport.h"
#include "core/import/documentimport.h"
#include "core/import/emulatorimport.h"
#include "core/import/openapiimport.h"
#include "core/requestspec.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

using Core::Import::ImportResult;

namespace {

QString bodyKindName(Core::BodyKind kind)
{
    switch (kind) {
    case Core::BodyKind::None:
        return QString();
    case Core::BodyKind::Json:
        return QStringLiteral("JSON");
    case Core::BodyKind::Xml:
        return QStringLiteral("XML");
    case Core::BodyKind::Text:
        return QStringLiteral("text");
    case Core::BodyKind::Form:
        return QStringLiteral("form");
    case Core::BodyKind::Multipart:
        return QStringLiteral("multipart");
    case Core::BodyKind::Binary:
        return QStringLiteral("file");
    }
    return QString();
}

// What a request will be, as a person reads it before accepting the import.
QString describe(const Core::Import::ImportedRequest &request)
{
    QStringList lines;
    lines << request.spec.method + QLatin1Char(' ') + request.spec.url;
    for (const Core::HeaderEntry &header : request.spec.headers)
        lines << QStringLiteral("  %1: %2").arg(header.name, header.value);
    if (request.spec.bodyKind == Core::BodyKind::Form || request.spec.bodyKind == Core::BodyKind::Multipart) {
        for (const Core::FormField &field : request.spec.formFields)
            lines << QStringLiteral("  [%1] %2=%3%4")
                         .arg(bodyKindName(request.spec.bodyKind), field.name,
                              field.file ? QStringLiteral("@") : QString(), field.value);
    } else if (request.spec.bodyKind != Core::BodyKind::None) {
        lines << QStringLiteral("  [%1 body]").arg(bodyKindName(request.spec.bodyKind));
        lines << request.spec.body;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

ImportDialog::ImportDialog(Core::HttpClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_sources(new QTabWidget(this))
    , m_curl(new QPlainTextEdit(this))
    , m_preview(new QPlainTextEdit(this))
    , m_file(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_emulator(new QLineEdit(QStringLiteral("http://127.0.0.1:4577/"), this))
    , m_target(new QLineEdit(this))
    , m_problems(new QListWidget(this))
    , m_status(new QLabel(this))
    , m_openInTabs(new QPushButton(tr("Open in Tabs"), this))
    , m_createCollection(new QPushButton(tr("Create Collection"), this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import"));
    resize(760, 620);
    m_sources->addTab(buildCurlPage(), tr("cURL"));
    m_sources->addTab(buildFilePage(), tr("File"));
    m_sources->addTab(buildFetchPage(m_url, Url, tr("An OpenAPI 3.0 or Swagger 2.0 document (JSON or YAML) at an http(s) URL")),
                      tr("OpenAPI URL"));
    m_sources->addTab(buildFetchPage(m_emulator, Emulator, tr("The running emulator's address; every route of its APIs becomes a request")),
                      tr("Emulator"));

    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setPlaceholderText(tr("The requests appear here before anything is imported."));
    m_problems->setObjectName(QStringLiteral("importProblems"));
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_target->setObjectName(QStringLiteral("importTarget"));
    m_target->setPlaceholderText(tr("an empty folder for the new collection"));
    auto *browse = new QPushButton(tr("Choose\u2026"), this);
    connect(browse, &QPushButton::clicked, this, &ImportDialog::chooseTarget);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(new QLabel(tr("Collection folder:"), this));
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(browse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_openInTabs, QDialogButtonBox::ActionRole);
    buttons->addButton(m_createCollection, QDialogButtonBox::AcceptRole);
    m_openInTabs->setEnabled(false);
    m_createCollection->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_openInTabs, &QPushButton::clicked, this, [this] { Q_EMIT openInTabsRequested(m_result); });
    connect(m_createCollection, &QPushButton::clicked, this, [this] {
        if (m_target->text().trimmed().isEmpty()) {
            showStatus(tr("Choose an empty folder for the collection first."), true);
            return;
        }
        Q_EMIT createCollectionRequested(m_target->text().trimmed(), m_result);
    });

    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_sources);
    splitter->addWidget(m_preview);
    splitter->addWidget(m_problems);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addLayout(targetRow);
    layout->addWidget(buttons);
}

ImportDialog::~ImportDialog()
{
    if (m_job)
        m_job->cancel();
}

QWidget *ImportDialog::buildCurlPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_curl->setObjectName(QStringLiteral("importCurl"));
    m_curl->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_curl->setPlaceholderText(tr("Paste one or more curl commands (a browser's \u201c" "Copy as cURL\u201d, bash or cmd)"));
    layout->addWidget(m_curl);
    connect(m_curl, &QPlainTextEdit::textChanged, this, [this] {
        const QString text = m_curl->toPlainText();
        setResult(text.trimmed().isEmpty() ? ImportResult() : Core::Import::importCurl(text, tr("pasted text")));
    });
    return page;
}

QWidget *ImportDialog::buildFilePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QHBoxLayout(page);
    m_file->setObjectName(QStringLiteral("importFile"));
    m_file->setPlaceholderText(tr("A Postman v2.1 collection, an OpenAPI / Swagger document, or curl commands"));
    auto *browse = new QPushButton(tr("Choose\u2026"), page);
    layout->addWidget(m_file, 1);
    layout->addWidget(browse);
    layout->setAlignment(Qt::AlignTop);
    connect(m_file, &QLineEdit::returnPressed, this, [this] { readFile(m_file->text().trimmed()); });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import a file"), QString(),
            tr("Collections and API documents (*.json *.yaml *.yml *.txt *.sh);;All files (*)"));
        if (!path.isEmpty())
            readFile(path);
    });
    return page;
}

QWidget *ImportDialog::buildFetchPage(QLineEdit *field, Source source, const QString &hint)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *row = new QHBoxLayout;
    field->setObjectName(source == Url ? QStringLiteral("importUrl") : QStringLiteral("importEmulator"));
    field->setPlaceholderText(QStringLiteral("https://api.example.com/openapi.yaml"));
    auto *fetchButton = new QPushButton(tr("Fetch"), page);
    row->addWidget(field, 1);
    row->addWidget(fetchButton);
    auto *note = new QLabel(hint, page);
    note->setWordWrap(true);
    layout->addLayout(row);
    layout->addWidget(note);
    layout->addStretch();
    connect(fetchButton, &QPushButton::clicked, this, [this, source] { fetch(source); });
    connect(field, &QLineEdit::returnPressed, this, [this, source] { fetch(source); });
    return page;
}

void ImportDialog::readFile(const QString &path)
{
    m_sources->setCurrentIndex(File);
    m_file->setText(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setResult({});
        showStatus(tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return;
    }
    setResult(Core::Import::importDocument(file.readAll(), path));
}

void ImportDialog::fetch(Source source)
{
    QLineEdit *field = source == Url ? m_url : m_emulator;
    const QString text = field->text().trimmed();
    const Core::Result<QUrl> url = Core::parseRequestUrl(text);
    if (!url) {
        setResult({});
        showStatus(tr("That is not a URL to fetch: %1").arg(url.error().message), true);
        Q_EMIT resultChanged();
        return;
    }
    if (m_job)
        m_job->cancel();
    Core::HttpClientRequest request;
    request.url = *url;
    request.headers.add("Accept", "application/json, application/yaml, text/yaml, */*");
    request.timeoutMs = 15000;
    showStatus(tr("Fetching %1\u2026").arg(text), false);
    m_job = m_client->send(request);
    connect(m_job.data(), &Core::HttpJob::finished, this,
            [this, source, text](const Core::Result<Core::HttpClientResponse> &answer) {
                m_job = nullptr;
                if (!answer) {
                    setResult({});
                    showStatus(source == Emulator
                                   ? tr("No answer from the emulator at %1: %2 Start it in the Emulator panel, or "
                                        "check the address.")
                                         .arg(text, answer.error().message)
                                   : tr("No answer from %1: %2").arg(text, answer.error().message),
                               true);
                } else if (answer->status >= 400) {
                    setResult({});
                    showStatus(tr("%1 answered %2 %3, so there is no document to import.")
                                   .arg(text)
                                   .arg(answer->status)
                                   .arg(QString::fromLatin1(answer->reason)),
                               true);
                } else {
                    const Core::Import::ImportFormat format = Core::Import::detectImportFormat(answer->body);
                    const Core::Import::ImportFormat wanted =
                        source == Emulator ? Core::Import::ImportFormat::EmulatorIndex : Core::Import::ImportFormat::OpenApi;
                    if (format != wanted) {
                        setResult({});
                        const QString start = QString::fromUtf8(answer->body.left(60)).simplified();
                        showStatus(source == Emulator
                                       ? tr("%1 answered, but not with the Gatehouse emulator's index (it starts "
                                            "\u201c%2\u201d).")
                                             .arg(text, start)
                                       : tr("%1 answered, but not with an OpenAPI or Swagger document: no "
                                            "\u201copenapi\u201d or \u201cswagger\u201d field at the top (it starts "
                                            "\u201c%2\u201d).")
                                             .arg(text, start),
                                   true);
                    } else {
                        setResult(source == Emulator ? Core::Import::importEmulatorIndex(answer->body, text)
                                                     : Core::Import::importOpenApi(answer->body, text));
                    }
                }
                Q_EMIT resultChanged();
            });
}

void ImportDialog::setResult(const ImportResult &result)
{
    m_result = result;
    m_problems->clear();
    for (const Core::Import::ImportProblem &problem : result.problems) {
        auto *item = new QListWidgetItem(problem.toString(), m_problems);
        item->setForeground(problem.severity == Core::Import::ImportProblem::Severity::Error ? QColor(0xc5, 0x22, 0x1f)
                                                                                               : QColor(0x9a, 0x67, 0x00));
    }
    updatePreview();
    const bool any = !result.requests.isEmpty();
    m_openInTabs->setEnabled(any);
    m_createCollection->setEnabled(any);
    if (!any && result.problems.isEmpty()) {
        showStatus(QString(), false);
        return;
    }
    QString status = tr("%n request(s)", nullptr, int(result.requests.size()));
    if (!result.variables.isEmpty())
        status += tr(", variables: %1").arg(QStringList(result.variables.keys()).join(QStringLiteral(", ")));
    if (!result.secrets.isEmpty())
        status += tr("; secret variables (no value is saved): %1").arg(QStringList(result.secrets.keys()).join(QStringLiteral(", ")));
    if (!result.problems.isEmpty())
        status += tr("; %n problem(s) listed below", nullptr, int(result.problems.size()));
    showStatus(status, !any);
}

void ImportDialog::updatePreview()
{
    QStringList parts;
    for (const Core::Import::ImportedRequest &request : std::as_const(m_result.requests)) {
        const QString path = request.folder.isEmpty() ? request.name
                                                      : request.folder.join(QStringLiteral(" / ")) + QStringLiteral(" / ") + request.name;
        parts << QStringLiteral("# %1\n%2").arg(path, describe(request));
        if (parts.size() >= 200 && m_result.requests.size() > 200) { // a preview, not the whole document
            parts << tr("\u2026 and %n more", nullptr, int(m_result.requests.size()) - 200);
            break;
        }
    }
    m_preview->setPlainText(parts.join(QStringLiteral("\n\n")));
}

void ImportDialog::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QLatin1String(StatusStyle::Problem) : QString());
}

void ImportDialog::chooseTarget()
{
    const QString directory = QFileDialog::getExistingDirectory(this, tr("An empty folder for the collection"));
    if (!directory.isEmpty())
        m_target->setText(directory);
}

void ImportDialog::finish(const Core::Result<void> &outcome)
{
    if (outcome) {
        accept();
        return;
    }
    showStatus(outcome.error().message, true);
}

} // namespace Gatehouse::Ui
