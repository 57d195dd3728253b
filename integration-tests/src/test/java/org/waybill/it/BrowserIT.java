package org.waybill.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.waybill.stack.AppUser;
import org.waybill.stack.SystemTool;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.waybill.it.TestStack.db;

/**
 * The screens in a real headless Chromium: a customer signs in, places an order and watches it complete; an
 * operator finds a parked message on the dead-letter screen and retries it, and reads the dashboard; all over HTTPS,
 * under the screens' Content-Security-Policy. In CI (CI set)
 * a missing Chromium fails the build; elsewhere these tests are skipped, loudly.
 */
@ArquillianTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {
    private static Browser browser;

    /** A failed step leaves a picture of the page it failed on, and where that was. */
    @RegisterExtension
    final TestWatcher onFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                System.err.println(context.getDisplayName() + " failed on " + browser.driver().getCurrentUrl());
                browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @Deployment(testable = false)
    static EnterpriseArchive waybill() {
        return TestStack.ear();
    }

    @BeforeAll
    static void openChromium() throws Exception {
        SystemTool.require("the browser tests", Browser.CHROMIUM, Browser.CHROMEDRIVER);
        browser = new Browser();
    }

    @AfterAll
    static void closeChromium() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    /** The screens work under their Content-Security-Policy: nothing they need was blocked. */
    @AfterEach
    void nothingWasBlockedByTheContentSecurityPolicy() {
        if (browser != null) {
            assertEquals(java.util.List.of(), browser.policyViolations());
        }
    }

    private static AppUser user(String role) {
        return TestStack.stack().settings().userInRole(role);
    }

    @Test
    @Order(1)
    void aCustomerSignsInPlacesAnOrderAndWatchesItComplete() {
        browser.open("/orders/new.xhtml").signIn(user("customer"));
        browser.find("order:lines:0:sku").click();
        browser.await(d -> d.findElements(By.cssSelector("li.ui-selectonemenu-item")).stream()
                .filter(li -> li.getAttribute("data-label").startsWith("Waybill mug")).findFirst().orElse(null)).click();
        WebElement quantity = browser.find("order:lines:0:quantity");
        quantity.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2");
        browser.screenshot("place-order");
        browser.find("order:place").click();

        String orderNumber = browser.find("orderNumber").getText();
        UUID.fromString(orderNumber);
        browser.screenshot("order-placed");
        browser.find("follow").click();
        browser.await(d -> d.findElement(By.id("order:status")).getText().equals("COMPLETED"));
        browser.await(d -> d.findElement(By.id("order:timeline")).getText().contains("order.completed"));
        assertTrue(browser.find("shipmentStatus").getText().contains("SCHEDULED"));
        browser.screenshot("order-detail");
        assertEquals("COMPLETED", Orders.get(orderNumber).getString("status"), "the screen shows what the API says");
    }

    @Test
    @Order(2)
    void theOrderListShowsTheCustomersOrdersOnly() {
        browser.open("/orders/index.xhtml");
        WebElement table = browser.find("orders:table");
        String customer = user("customer").name();
        browser.await(d -> !table.findElements(By.cssSelector("tbody tr")).isEmpty());
        assertTrue(table.findElements(By.cssSelector("tbody tr")).stream()
                .allMatch(row -> row.getText().contains(customer)), table.getText());
        browser.screenshot("orders");

        browser.open("/operations/dashboard.xhtml");
        browser.await(d -> d.getPageSource().contains("You may not open this page"));
        browser.signOut();
    }

    @Test
    @Order(3)
    void anOperatorSeesAParkedMessageOnTheDeadLetterScreenAndRetriesIt() throws Exception {
        String order = UUID.randomUUID().toString();
        long retriesBefore = db().number("SELECT count(*) FROM operator_actions WHERE action = 'RETRY' AND actor = ?",
                user("operator").name());
        Broker.sendUnprocessableTo(order);
        // A foreign message naming no order, parked beside it, must not break the screen.
        try (jakarta.jms.JMSContext context = Broker.operatorConnectionFactory().createContext()) {
            context.createProducer().send(context.createTopic("waybill.events::waybill.events.inventory"), "{}");
        }
        browser.open("/operations/dead-letters.xhtml?queue=waybill.events.inventory").signIn(user("operator"));
        WebElement row = browser.await(d -> d.findElements(By.cssSelector("#letters\\:table tbody tr")).stream()
                .filter(r -> r.getText().contains(order.substring(0, 8))).findFirst().orElseGet(() -> {
                    d.findElement(By.id("letters:refresh")).click();
                    return null;
                }));
        assertTrue(row.getText().contains("inventory does not handle order.created v7"), row.getText());
        browser.screenshot("dead-letters");

        row.findElement(By.cssSelector("button[id$=':retry']")).click();
        browser.await(d -> d.findElement(By.id("letters:messages")).getText().contains("Sent order.created back"));
        // Still poison: parked again, now counted as retried once.
        browser.await(d -> {
            d.findElement(By.id("letters:refresh")).click();
            browser.settle();
            return d.findElements(By.cssSelector("#letters\\:table tbody tr")).stream()
                    .filter(r -> r.getText().contains(order.substring(0, 8))).findFirst()
                    .map(r -> r.findElements(By.tagName("td")).get(6).getText().equals("1")).orElse(false);
        });
        assertEquals(retriesBefore + 1, db().number("SELECT count(*) FROM operator_actions WHERE action = 'RETRY' "
                + "AND actor = ?", user("operator").name()), "the retry is audited with the operator's name");
    }

    @Test
    @Order(4)
    void anOperatorWatchesTheDashboard() {
        browser.open("/operations/dashboard.xhtml");
        WebElement queues = browser.find("dashboard:queues");
        browser.await(d -> queues.findElements(By.cssSelector("tbody tr")).size() == Broker.CONSUMED_QUEUES.size());
        assertTrue(queues.getText().contains("waybill.events.inventory"), queues.getText());
        assertFalse(browser.driver().findElements(By.cssSelector("#dashboard\\:depthChart canvas")).isEmpty(),
                "the depth chart is drawn");
        browser.screenshot("dashboard");

        browser.open("/orders/index.xhtml");
        browser.find("orders:table");
        browser.screenshot("orders-operator");
        browser.signOut();
        browser.screenshot("login");
    }
}
