#pragma once

#include "core/ratelimiter.h"

namespace scoreboard::server {

/// @brief Request limits of the auth.* messages, per account (e-mail) and per client address
/// (an IPv6 address counts by its /64).
struct AuthLimits
{
    RateRule signupPerAddress { 10, 60'000 };
    RateRule signupPerAccount { 3, 120'000 };
    RateRule verifyPerAddress { 30, 2'000 };
    RateRule verifyPerAccount { 10, 6'000 };
    RateRule resendPerAddress { 10, 60'000 };
    qint64 resendIntervalMs = 60'000; ///< per account: one code mail per interval
    RateRule loginPerAddress { 30, 2'000 };
    /// Failed logins per e-mail address, charged before the password is hashed; a device that
    /// held a session of the account lately (trustedDeviceDays) is exempt.
    RateRule loginFailuresPerAccount { 10, 90'000 };
    /// Failed logins per e-mail address from one client address, for every device.
    RateRule loginFailuresPerAccountAddress { 10, 90'000 };
};

/// @brief How accounts, codes, sessions and password hashing behave.
struct AuthSettings
{
    int codeTtlMs = 10 * 60'000;
    int codeMaxAttempts = 5;
    qint64 sessionTtlMs = 30LL * 24 * 3600'000;
    int hashMemoryMiB = 19; ///< Argon2id memory cost
    int hashOpsLimit = 2; ///< Argon2id time cost
    /// Password hashes waiting or running at most; a request past it gets rate_limited.
    int hashQueueMax = 64;
    /// Mails waiting or being sent at most; a sign-up or resend past it gets rate_limited.
    int mailQueueMax = 200;
    /// Sign-ups never verified are forgotten (the address is free again) after this many days.
    int pendingAccountDays = 7;
    /// A device that held a session of an account within this many days may keep trying to log
    /// in while failures by others hold the account's failed-login limit.
    int trustedDeviceDays = 30;
    AuthLimits limits;
};

} // namespace scoreboard::server
