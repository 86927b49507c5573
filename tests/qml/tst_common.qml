import QtQuick
import QtTest
import Scoreboard.Common

Item {
    id: root
    width: 600
    height: 600

    ListModel {
        id: board
        ListElement { rank: 1; userId: 10; displayName: "Ada"; score: 300; isMe: false }
        ListElement { rank: 2; userId: 11; displayName: "Me"; score: 200; isMe: true }
        ListElement { rank: 3; userId: 12; displayName: "Bob"; score: 100; isMe: false }
    }

    Component {
        id: topListComponent
        TopList { width: 400; height: 300 }
    }
    Component {
        id: bannerComponent
        ErrorBanner { width: 400 }
    }
    Component {
        id: spyComponent
        SignalSpy {}
    }
    Component {
        id: indicatorComponent
        ConnectionIndicator {}
    }

    TestCase {
        name: "Common"
        when: windowShown

        function test_topListRows() {
            const list = createTemporaryObject(topListComponent, root, { model: board })
            verify(list)
            compare(list.count, 3)
            tryVerify(() => list.itemAtIndex(2) !== null)
            compare(list.itemAtIndex(0).displayName, "Ada")
            compare(list.itemAtIndex(0).rank, 1)
            compare(list.itemAtIndex(2).score, 100)
        }

        function test_topListHighlightsMe() {
            const list = createTemporaryObject(topListComponent, root, { model: board })
            tryVerify(() => list.itemAtIndex(2) !== null)
            verify(!list.itemAtIndex(0).isMe)
            verify(list.itemAtIndex(1).isMe)
            verify(Qt.colorEqual(list.itemAtIndex(0).color, "transparent"))
            verify(!Qt.colorEqual(list.itemAtIndex(1).color, "transparent"))
            const name = findChild(list.itemAtIndex(1), "name")
            verify(name.text.indexOf("Me") === 0)
            verify(name.font.bold)
        }

        function test_topListShowsMarkupInNamesAsText() {
            board.setProperty(0, "displayName", "<b>Ada</b><img src=\"http://example.org/x.png\">")
            const list = createTemporaryObject(topListComponent, root, { model: board })
            tryVerify(() => list.itemAtIndex(0) !== null)
            const name = findChild(list.itemAtIndex(0), "name")
            compare(name.textFormat, Text.PlainText)
            compare(name.text, "<b>Ada</b><img src=\"http://example.org/x.png\">")
            verify(!name.font.bold)
        }

        function init() {
            board.clear()
            board.append({ rank: 1, userId: 10, displayName: "Ada", score: 300, isMe: false })
            board.append({ rank: 2, userId: 11, displayName: "Me", score: 200, isMe: true })
            board.append({ rank: 3, userId: 12, displayName: "Bob", score: 100, isMe: false })
        }

        function test_topListMoveKeepsDelegate() {
            const list = createTemporaryObject(topListComponent, root, { model: board })
            tryVerify(() => list.itemAtIndex(2) !== null)
            const bob = list.itemAtIndex(2)
            board.move(2, 0, 1)
            board.setProperty(0, "rank", 1)
            tryVerify(() => list.itemAtIndex(0) === bob)
            compare(bob.displayName, "Bob")
            compare(bob.rank, 1)
            tryCompare(bob, "y", 0)             // animated into place
        }

        function test_errorBanner() {
            const banner = createTemporaryObject(bannerComponent, root)
            verify(!banner.visible)
            const spy = createTemporaryObject(spyComponent, root, { target: banner, signalName: "dismissed" })
            banner.text = "Wrong password."
            verify(banner.visible)
            compare(findChild(banner, "message").text, "Wrong password.")
            mouseClick(findChild(banner, "dismissButton"))
            compare(spy.count, 1)
            banner.text = ""
            verify(!banner.visible)
        }


        function test_connectionIndicator_data() {
            return [
                { tag: "offline", state: 0, text: "Offline" },
                { tag: "connecting", state: 1, text: "Connecting…" },
                { tag: "online", state: 2, text: "Online" },
                { tag: "reconnecting", state: 3, text: "Reconnecting…" },
                { tag: "unknown", state: 9, text: "Offline" },
            ]
        }
        function test_connectionIndicator(data) {
            const indicator = createTemporaryObject(indicatorComponent, root, { connectionState: data.state })
            compare(indicator.text, data.text)
            compare(findChild(indicator, "label").text, data.text)
        }
    }
}
