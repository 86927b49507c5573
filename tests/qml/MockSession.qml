import QtQuick

// Stands in for scoreboard::client::Session: the same properties, and invokables that record
// their calls in `calls` instead of talking to a server.
QtObject {
    property int state: 2
    property url serverUrl: "ws://localhost:8080/ws"
    property bool loggedIn: false
    property string displayName
    property string email
    property string pendingEmail
    property var score: 0
    property var rank: 0
    property bool busy: false
    property string errorCode
    property string errorMessage
    property int resendSeconds: 0
    property var board: null
    property var calls: []

    signal codeSent()
    signal verified()
    signal sessionEnded(string reason, string message)
    signal actionAccepted(var delta, var score, var rank)

    function record(name, args) { calls = calls.concat([{ name: name, args: args }]) }
    function signUp(email, displayName, password) { record("signUp", [email, displayName, password]) }
    function verify(code) { record("verify", [code]) }
    function resend() { record("resend", []) }
    function logIn(email, password) { record("logIn", [email, password]) }
    function logOut() { record("logOut", []) }
    function act() { record("act", []) }
    function clearError() { errorMessage = ""; errorCode = "" }
    function passwordProblem(password, email, displayName) {
        if (password.length < 10)
            return "Use at least 10 characters."
        if (password === email)
            return "Do not use your e-mail address."
        return ""
    }
}
