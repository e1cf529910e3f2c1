#pragma once

#include "labdefinition.h"

#include <QList>
#include <QString>

namespace Gatehouse::Emulator {

// One long-term key pair a lab declares; the emulator answers for it as IAM user userName.
struct LabAccessKey
{
    QString userName;
    QString accessKeyId;
    QString secretAccessKey;
};

// Reads the access keys a lab declares for its emulator, so a course can hand students keys
// other than test/test. They live in template.yaml under Metadata (a section CloudFormation
// and SAM leave alone):
//
//   Metadata:
//     Gatehouse:
//       AccessKeys:
//         - UserName: student
//           AccessKeyId: AKIAIOSFODNN7EXAMPLE
//           SecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
class LabAccessKeys
{
public:
    // Problems are appended to diagnostics as errors with file, line and field.
    static QList<LabAccessKey> read(const QString &templatePath,
                                    QList<LabDiagnostic> &diagnostics);
};

} // namespace Gatehouse::Emulator
