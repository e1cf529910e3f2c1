#include "commands.h"

namespace Gatehouse::App {

QString usageText()
{
    return QStringLiteral(
        "Gatehouse %1 - a workbench for serverless APIs\n"
        "\n"
        "Usage:\n"
        "  gatehouse [--lab DIR] [--port N]     start the GUI with the embedded emulator\n"
        "  gatehouse emulator [--lab DIR] [--port N] [--region R] [--address ADDR]\n"
        "                                       run the embedded emulator until Ctrl+C\n"
        "  gatehouse request METHOD URL [-H 'Name: value']... [-d BODY|@FILE]\n"
        "                    [--env FILE] [--timeout SECONDS]\n"
        "                                       send one HTTP request and print the answer\n"
        "  gatehouse request --sigv4 [--profile P] [--service S] [--region R]\n"
        "                    [--unsigned-payload] METHOD URL ...\n"
        "                                       sign it with AWS Signature V4 first\n"
        "  gatehouse sign METHOD URL [-H 'Name: value']... [-d BODY|@FILE] [--profile P]\n"
        "                 [--service S] [--region R] [--unsigned-payload] [--presign SECONDS]\n"
        "                                       print the canonical request, string to sign\n"
        "                                       and signed headers (or the presigned URL)\n"
        "  gatehouse whoami [--profile P] [--region R] [--endpoint-url URL]\n"
        "                   [--target emulator|URL|profile:NAME]\n"
        "                                       ask STS GetCallerIdentity who the credentials are;\n"
        "                                       --target picks endpoint, region and credentials as\n"
        "                                       the GUI's toolbar does: emulator = its keys test/test\n"
        "                                       at http://127.0.0.1:4577 (or --endpoint-url), URL =\n"
        "                                       the default chain there, profile:NAME = that profile\n"
        "  gatehouse lambda list [--all] | versions FN | aliases FN\n"
        "                 | publish FN [-m DESC]\n"
        "                 | alias FN NAME VERSION [--weight V=0.1]... [--description D]\n"
        "                 | invoke FN[:QUALIFIER] [--payload JSON|@FILE] [--log]\n"
        "                 [--profile P] [--region R] [--endpoint-url URL]\n"
        "                 [--target emulator|URL|profile:NAME]\n"
        "                                       Lambda functions, versions and aliases (alias\n"
        "                                       creates or updates); invoke prints the payload,\n"
        "                                       --log the decoded log tail and executed version\n"
        "  gatehouse --help | --version\n"
        "\n"
        "Emulated HTTP APIs are addressed by path or by host name:\n"
        "  http://127.0.0.1:4577/_aws/execute-api/<apiId>/<path>\n"
        "  http://<apiId>.execute-api.localhost:4577/<path>\n"
        "\n"
        "AWS credentials come from the SDKs' default chain: AWS_ACCESS_KEY_ID and friends,\n"
        "else the profile (--profile, AWS_PROFILE, or default) in ~/.aws/config and\n"
        "~/.aws/credentials. Service and region are guessed from AWS host names\n"
        "(execute-api, lambda, appsync, cognito-idp, sts) and the emulator's URLs.\n"
        "\n"
        "Exit codes: 0 success, 1 failure, 2 bad arguments or input, 3 no HTTP answer\n"
        "(DNS, refused, TLS, timeout), 4 HTTP status 400 or more.\n")
        .arg(QStringLiteral(GATEHOUSE_VERSION));
}

} // namespace Gatehouse::App
