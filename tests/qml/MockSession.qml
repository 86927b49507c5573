import Scoreboard.Testing

// Stands in for the app's Session in the screen tests: a real Session (SessionDouble derives from
// it) that never connects. Its requests land in `calls`; the state the screens read is writable.
SessionDouble {
}
