#pragma once

#include "store/accountstore.h"
#include "store/eventstore.h"
#include "store/flagstore.h"
#include "store/ledgerstore.h"
#include "store/storeconnection.h"

namespace scoreboard::server {

/**
 * @brief Persistent state, behind one interface so the engine (SQLite, PostgreSQL) is a detail
 * of the store layer: the connection (StoreConnection), accounts and sessions (AccountStore),
 * the ledger and totals (LedgerStore), flags and the audit log (FlagStore), events and seasons (EventStore).
 *
 * A Store is used from one thread only (the StoreExecutor's). Every method throws StoreError on
 * a database failure. Methods are small and composable; callers group them with transaction().
 */
class Store : public StoreConnection,
              public AccountStore,
              public LedgerStore,
              public FlagStore,
              public EventStore
{
public:
    ~Store() override;
};

} // namespace scoreboard::server
