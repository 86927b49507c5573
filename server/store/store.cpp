#include "store/store.h"

namespace scoreboard::server {

StoreConnection::~StoreConnection() = default;
AccountStore::~AccountStore() = default;
LedgerStore::~LedgerStore() = default;
FlagStore::~FlagStore() = default;
EventStore::~EventStore() = default;
Store::~Store() = default;

} // namespace scoreboard::server
