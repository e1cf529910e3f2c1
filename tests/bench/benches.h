#pragma once

#include <QString>
#include <QStringList>

#include <functional>

// Benchmarks defined outside bench.cpp; each prints its figures with figure().

// Prints one measured figure as "name value unit  (target t: met|NOT met)" (bench.cpp).
void figure(const QString &name, double value, const QString &unit, const QString &target,
            bool met);

// GraphQL: the 368 KB GitHub schema lexed, parsed and printed, ms median/min
// (tests/bench/graphqlbench.cpp).
void benchGraphQLParse();
void benchGraphQLValidate();
// GraphQL completion and hover at every offset of a GitHub query, ms per call
// (tests/bench/graphqlcompletebench.cpp).
void benchGraphQLComplete();
// Typing into the GraphQL editor holding a 5,000-line document: slowest keystroke and longest
// event-loop stall, ms (graphqlcompletebench.cpp).
void benchGraphQLEditor();

// SigV4 header signatures per second on one core (tests/bench/sigv4bench.cpp).
void benchSigV4();

// Core::JsonPretty on a 32 MB document, MB/s (tests/bench/jsonbench.cpp).
void benchJsonPretty();

// A collection of 1,000 request files: save, save unchanged, load (tests/bench/collectionbench.cpp).
void benchCollection();

// Credential resolution from the shared files, ms per resolution (tests/bench/credentialsbench.cpp).
void benchCredentials();

// Warm synchronous Invoke through the control plane, SigV4-signed, N keep-alive clients;
// calls done when finished (tests/bench/lambdabench.cpp).
void benchLambdaInvoke(int seconds, int connections, std::function<void()> done);
// CreateFunction x 1,000, then ListFunctions page by page at MaxItems 50 (lambdabench.cpp).
void benchLambdaList(std::function<void()> done);

// RS256 / ES256 JWT verification (decode, key, signature, Cognito claims) on one core;
// args may hold --seconds N (tests/bench/jwtbench.cpp).
int runJwtBench(const QStringList &args);

// Creates fn-0000... with CreateFunction on an emulator at 127.0.0.1:port, signed for test/test;
// returns how many were created (lambdabench.cpp).
int createBenchFunctions(quint16 port, int count);
// The Lambda viewer (GUI) listing 1,000 functions from the emulator: first page, all pages,
// the longest event-loop stall meanwhile, a search over the list (lambdaviewerbench.cpp).
void benchLambdaViewer(std::function<void()> done);
// SRP and password sign-ins against the emulator's bakery user pool, one after another, over
// loopback HTTP: p50/p99 of a whole sign-in (tests/bench/cognitobench.cpp).
void benchCognitoSignIn(std::function<void()> done);
// A 50 MB JSON answer in the response view: first content, pretty view vs `jq .`, the longest
// event-loop stall, memory added (tests/bench/responseviewbench.cpp).
void benchResponseView();
void benchResponseStream();
// The WebSocket console's message log: 100,000 frames ingested through the GUI's batching;
// messages/s, longest event-loop stall, resident bytes per message beyond the payload
// (tests/bench/wslogbench.cpp).
void benchWsLog();
// The same from a python3-websockets server over loopback, end to end (wslogbench.cpp).
void benchWsLogSocket();
// The emulator holding 1,000 WebSocket connections to the bakery chat and one broadcast through
// the lab handler's @connections POSTs, to the last client's receipt (wsbroadcastbench.cpp).
void benchWsBroadcast();
// Its client process: `gatehouse-bench ws-broadcast-clients URL` (wsbroadcastbench.cpp).
int runWsBroadcastClients(const QString &url);
// AppSync subscriptions in the emulator: the travel lab's addActivity pushed to a real-time
// subscriber, ms from the mutation and from its result to the data frame (appsyncbench.cpp).
void benchAppSyncSubscribe();
// AppSync VTL: the median render of the DynamoDB Query mapping template of tst_vtl's corpus
// (tests/bench/vtlbench.cpp).
void benchVtlRender();

// The DynamoDB store in-process: PutItem, GetItem and a 10-item Query, ops/s
// (tests/bench/dynamodbbench.cpp).
void benchDynamoDb();
