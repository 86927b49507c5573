#include "scoring/boards.h"

using namespace Qt::StringLiterals;

namespace scoreboard::server {

using namespace scoreboard::protocol;

Boards::Boards(qint64 defaultPoints)
    : m_defaultPoints(defaultPoints)
{ }

bool Boards::applyEvent(const EventRecord &event, bool *seasonChanged)
{
    if (seasonChanged)
        *seasonChanged = false;
    Board *board = m_byId.value(event.id);
    if (!board) {
        m_boards.push_back(std::make_unique<Board>());
        board = m_boards.back().get();
        board->event = event;
        m_byId.insert(event.id, board);
        m_bySlug.insert(event.slug, board);
        return true;
    }
    if (event.revision <= board->event.revision)
        return false;
    const bool newSeason = event.season != board->event.season;
    board->event = event;
    if (newSeason) {
        board->ranking = Ranking();
        board->entries.clear();
        board->touched.clear();
        if (seasonChanged)
            *seasonChanged = true;
    }
    return true;
}

Boards::Board *Boards::find(const QString &slug)
{
    return m_bySlug.value(slug.isEmpty() ? QString::fromLatin1(kMainEvent) : slug);
}

const Boards::Board *Boards::find(const QString &slug) const
{
    return m_bySlug.value(slug.isEmpty() ? QString::fromLatin1(kMainEvent) : slug);
}

Boards::Board *Boards::board(qint64 eventId)
{
    return m_byId.value(eventId);
}

const Boards::Board *Boards::board(qint64 eventId) const
{
    return m_byId.value(eventId);
}

QList<const Boards::Board *> Boards::all() const
{
    QList<const Board *> out;
    out.reserve(qsizetype(m_boards.size()));
    for (const auto &board : m_boards)
        out.append(board.get());
    return out;
}

QList<EventAction> Boards::actionsOf(const EventRecord &event) const
{
    if (!event.actions.isEmpty())
        return event.actions;
    return { EventAction { u"tap"_s, u"Score!"_s, m_defaultPoints } };
}

EventInfo Boards::info(const Board &board) const
{
    const EventRecord &e = board.event;
    return EventInfo { e.slug, e.title, e.description, e.category, e.state, e.startsAtMs,
        e.endsAtMs, e.boardSize, actionsOf(e), e.resetEvery, e.season,
        e.state == EventState::Live ? e.nextResetAtMs : 0, board.ranking.size() };
}

void Boards::setName(qint64 userId, const QString &displayName)
{
    if (!displayName.isEmpty())
        m_players[userId].displayName = displayName;
}

QList<qint64> Boards::setSuspended(qint64 userId, bool suspended)
{
    QList<qint64> changed;
    Player &player = m_players[userId];
    if (player.suspended == suspended)
        return changed; // e.g. a resynchronisation re-reading every player
    player.suspended = suspended;
    for (const auto &board : m_boards) {
        if (board->entries.contains(userId)) {
            place(*board, userId);
            changed.append(board->event.id);
        }
    }
    return changed;
}

bool Boards::applyTotal(const ScoreRow &row)
{
    setName(row.userId, row.displayName);
    Board *board = m_byId.value(row.eventId);
    if (!board || row.season != board->event.season)
        return false;
    Entry &entry = board->entries[row.userId];
    if (row.revision <= entry.revision)
        return false;
    entry.score = row.score;
    entry.seq = row.reachedSeq;
    entry.revision = row.revision;
    place(*board, row.userId);
    return true;
}

bool Boards::addHeld(qint64 eventId, qint64 season, qint64 userId, qint64 delta)
{
    Board *board = m_byId.value(eventId);
    if (!board || board->event.season != season)
        return false;
    board->entries[userId].held += delta;
    place(*board, userId);
    return true;
}

void Boards::place(Board &board, qint64 userId)
{
    const Entry entry = board.entries.value(userId);
    if (m_players.value(userId).suspended || entry.seq == 0)
        board.ranking.remove(userId);
    else
        board.ranking.set(userId, entry.score - entry.held, entry.seq);
    board.touched.insert(userId);
}

QList<BoardEntry> Boards::top(const Board &board, int limit) const
{
    return range(board, 0, limit);
}

QList<BoardEntry> Boards::range(const Board &board, qint64 offset, int limit) const
{
    QList<BoardEntry> rows;
    qint64 rank = offset;
    for (const auto &entry : board.ranking.range(offset, limit))
        rows.append({ ++rank, entry.userId, nameOf(entry.userId), entry.score });
    return rows;
}

BoardMe Boards::me(const Board &board, qint64 userId, int around) const
{
    BoardMe me;
    me.rank = board.ranking.rankOf(userId);
    me.score = board.publicScore(userId);
    if (me.rank > 0 && around > 0) {
        const qint64 from = std::max<qint64>(0, me.rank - 1 - around);
        me.around = range(board, from, int(me.rank - from) + around);
    }
    return me;
}

qsizetype Boards::rankedEntries() const
{
    qsizetype total = 0;
    for (const auto &board : m_boards)
        total += board->ranking.size();
    return total;
}

} // namespace scoreboard::server
