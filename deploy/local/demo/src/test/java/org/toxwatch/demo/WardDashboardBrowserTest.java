package org.toxwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.toxwatch.demo.scenario.DemoCohort;
import org.toxwatch.demo.scenario.LabResultRow;
import org.toxwatch.demo.stack.CohortReplay;
import org.toxwatch.demo.stack.LocalStack;
import org.toxwatch.demo.stack.ProjectLayout;

/**
 * The ward dashboard in a real browser (Debian's chromium, driven through Debian's chromedriver): a lab result published
 * to Kafka becomes an alert on the page, a nurse acknowledges it, the state survives a reload, and the audit entry is
 * shown. Everything runs as in production: broker, PostgreSQL and the four packaged services as separate processes.
 */
class WardDashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static CohortReplay replay;
    private static WebDriver browser;

    @BeforeAll
    static void startStackAndBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertThat(installed).as(".ci/run installs chromium and chromium-driver from Debian").isTrue();
        }
        assumeTrue(installed, "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        String database = "toxwatch_web_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        stack = LocalStack.start(ProjectLayout.locate(), database);
        stack.dropDatabaseOnClose();
        replay = new CohortReplay(stack);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags this machine needs: no sandbox as root, and no background traffic to hosts the network refuses
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1600,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (replay != null) {
            replay.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aLabResultBecomesALiveAlertThatANurseAcknowledgesAndTheAuditShows() throws Exception {
        DemoCohort.Course course = new DemoCohort.Course("course-web-1", "p-web-1", """
                {"courseId": "course-web-1", "patientId": "p-web-1", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "ward": "5B", "ctcaeVersion": "5.0", "bodyWeightKg": 72, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "lenvatinib", "doseLevel": 0},
                           {"drug": "sintilimab", "doseLevel": 0}]}
                """);
        assertThat(replay.putCourse(course).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> replay.graderKnows(course));

        String nurse = stack.wardKeys().token("nurse-5b-0042", "nurse");
        String page = stack.service("ward-dashboard").baseUri() + "/index.html?ward=5B#token=" + nurse;
        browser.get(page);
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=connection]"), "live"));

        // grade 3 neutropenia in cycle 2: lenvatinib is held (rules.csv line 13)
        replay.publish(new LabResultRow("WEB-1", "p-web-1", Instant.parse("2026-02-06T07:30:00Z"), "751-8", "0.8",
                "10*9/L", "1.8", "7.7"));
        // the page re-renders rows as alerts arrive: read what the test needs inside the wait, retried on a stale row
        wait.ignoring(StaleElementReferenceException.class);
        String alertId = wait.until(driver -> driver.findElements(By.cssSelector("[data-testid=alert-row][data-state=OPEN]"))
                .stream().filter(candidate -> candidate.getText().contains("p-web-1")).findFirst()
                .map(candidate -> candidate.getAttribute("data-alert-id")).orElse(null));
        By openRow = By.cssSelector("[data-testid=alert-row][data-alert-id='" + alertId + "']");
        String openText = wait.until(driver -> driver.findElement(openRow).getText());
        assertThat(openText).contains("p-web-1")
                .containsIgnoringCase("lenvatinib");

        wait.until(driver -> {
            driver.findElement(openRow).findElement(By.cssSelector("[data-testid=acknowledge]")).click();
            return true;
        });
        By acknowledged = By.cssSelector("[data-testid=alert-row][data-alert-id='" + alertId + "'][data-state=ACKNOWLEDGED]");
        wait.until(ExpectedConditions.presenceOfElementLocated(acknowledged));

        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=connection]"), "live"));
        wait.until(ExpectedConditions.presenceOfElementLocated(acknowledged));
        wait.until(driver -> driver.findElements(By.cssSelector("[data-testid=audit-entry]")).stream()
                .anyMatch(entry -> entry.getText().contains("nurse-5b-0042") && entry.getText().toLowerCase(Locale.ROOT).contains("acknowledge")));

        Path screenshot = Path.of("target", "ward-dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isPositive();
        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid=alert-row]"));
        assertThat(rows).isNotEmpty();
    }

    @Test
    void thePatientViewChartsTheLabValuesAgainstTheirGradeBands() throws Exception {
        DemoCohort.Course course = new DemoCohort.Course("course-web-2", "p-web-2", """
                {"courseId": "course-web-2", "patientId": "p-web-2", "regimen": "HAIC-FOLFOX + lenvatinib + sintilimab",
                 "ward": "5B", "ctcaeVersion": "5.0", "bodyWeightKg": 72, "hccLiverInvolvement": true,
                 "cycles": [{"number": 1, "plannedStart": "2026-01-05"}, {"number": 2, "plannedStart": "2026-01-26"}],
                 "drugs": [{"drug": "haic-folfox", "doseLevel": 0}, {"drug": "lenvatinib", "doseLevel": 0},
                           {"drug": "sintilimab", "doseLevel": 0}]}
                """);
        assertThat(replay.putCourse(course).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> replay.graderKnows(course));
        String[][] neutrophils = {{"WEB-21", "2026-01-02T08:00:00Z", "3.4"}, {"WEB-22", "2026-01-16T08:00:00Z", "1.4"},
                {"WEB-23", "2026-01-30T08:00:00Z", "0.8"}, {"WEB-24", "2026-02-06T08:00:00Z", "1.9"}};
        for (String[] lab : neutrophils) {
            replay.publish(new LabResultRow(lab[0], "p-web-2", Instant.parse(lab[1]), "751-8", lab[2], "10*9/L", "1.8", "7.7"));
        }

        String oncologist = stack.wardKeys().token("oncologist-07", "oncologist");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        // the alerts of the last result show the data has been read; then the chart has all four points
        await().atMost(WAIT).until(() -> {
            browser.get(stack.service("ward-dashboard").baseUri() + "/patient.html?id=p-web-2&ward=5B#token=" + oncologist);
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=connection]"), "live"));
            return browser.findElements(By.cssSelector("figure.lab-chart svg g.point")).size() >= 4;
        });

        assertThat(browser.findElements(By.cssSelector("figure.lab-chart svg rect.band"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("figure.lab-chart svg g.point.grade-3"))).isNotEmpty();
        Path screenshot = Path.of("target", "patient-view.png");
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isPositive();
    }
}
