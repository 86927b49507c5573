// bench_boards: the memory and cost of the in-memory boards (server/scoring/boards.h) at a
// million ranked entries, in one event or spread over many. Prints figures; asserts nothing
// about speed.
//
//   build/bin/bench_boards [--entries 1000000] [--events 1]
#include "benchutil.h"
#include "scoring/boards.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace scoreboard;
using namespace scoreboard::server;


int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Memory and cost of the server's in-memory boards."_s);
    parser.addHelpOption();
    parser.addOptions({
        { u"entries"_s, u"Ranked entries in all (default 1000000)."_s, u"n"_s, u"1000000"_s },
        { u"events"_s, u"Events they are spread over (default 1)."_s, u"n"_s, u"1"_s },
    });
    parser.process(app);
    const qint64 entries = std::max<qint64>(1, parser.value(u"entries"_s).toLongLong());
    const qint64 events = std::clamp<qint64>(parser.value(u"events"_s).toLongLong(), 1, entries);
    const qint64 players = entries / events; // each event holds the same players

    Boards boards(10);
    for (qint64 e = 1; e <= events; ++e) {
        EventRecord event;
        event.id = e;
        event.slug = u"event-%1"_s.arg(e);
        event.title = event.slug;
        event.state = protocol::EventState::Live;
        boards.applyEvent(event);
    }
    for (qint64 u = 1; u <= players; ++u)
        boards.setName(u, u"Player %1"_s.arg(u));
    const qint64 before = bench::rssKb(QCoreApplication::applicationPid());
    QRandomGenerator random(42);
    QElapsedTimer timer;
    timer.start();
    qint64 seq = 0;
    // As the server's hub does every tick, the players who moved are forgotten now and then.
    const auto tick = [&boards](qint64 e) { boards.board(e)->touched.clear(); };
    for (qint64 e = 1; e <= events; ++e) {
        for (qint64 u = 1; u <= players; ++u) {
            boards.applyTotal({ u, 10 * qint64(random.bounded(1000)), ++seq, {}, false, 1, e, 1 });
            if (seq % 1000 == 0)
                tick(e);
        }
        tick(e);
    }
    const double fillNs = double(timer.nsecsElapsed()) / double(seq);
    const qint64 after = bench::rssKb(QCoreApplication::applicationPid());

    // Moving players: a new total for a random player of a random event.
    constexpr int kMoves = 200'000;
    timer.restart();
    for (int i = 0; i < kMoves; ++i) {
        const qint64 e = 1 + qint64(random.bounded(quint32(events)));
        const qint64 u = 1 + qint64(random.bounded(quint32(players)));
        const auto *board = boards.board(e);
        const Boards::Entry old = board->entries.value(u);
        boards.applyTotal({ u, old.score + 10, ++seq, {}, false, old.revision + 1, e, 1 });
        tick(e);
    }
    const double moveNs = double(timer.nsecsElapsed()) / kMoves;
    constexpr int kReads = 20'000;
    timer.restart();
    qint64 sink = 0;
    for (int i = 0; i < kReads; ++i)
        sink += boards.top(*boards.board(1 + i % events), 10).size();
    const double topNs = double(timer.nsecsElapsed()) / kReads;
    timer.restart();
    for (int i = 0; i < kReads; ++i) {
        const auto *board = boards.board(1 + i % events);
        sink += boards.range(*board, board->ranking.size() - 100, 100).size();
    }
    const double lastPageNs = double(timer.nsecsElapsed()) / kReads;
    timer.restart();
    for (int i = 0; i < kReads; ++i) {
        const auto *board = boards.board(1 + i % events);
        sink += boards.me(*board, 1 + qint64(random.bounded(quint32(players))), 5).rank;
    }
    const double aroundNs = double(timer.nsecsElapsed()) / kReads;

    std::printf("bench_boards: %lld ranked entries in %lld event(s), %lld player(s) each\n",
        qlonglong(boards.rankedEntries()), qlonglong(events), qlonglong(players));
    std::printf("memory per ranked entry:      %.0f bytes (RSS %lld -> %lld KiB; names not "
                "counted: they are per player)\n",
        double(after - before) * 1024 / double(entries), qlonglong(before), qlonglong(after));
    std::printf("fill:                         %.0f ns per new entry\n", fillNs);
    std::printf("move a player:                %.0f ns per new total\n", moveNs);
    std::printf("top 10:                       %.0f ns\n", topNs);
    std::printf("last page of 100:             %.0f ns\n", lastPageNs);
    std::printf("me with 5 around:             %.0f ns\n", aroundNs);
    return sink == 0 ? 1 : 0;
}
