package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URL;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class HiveMqConfigTest {

    @Test
    void theGeneratedConfigIsValidAgainstTheSchemaHiveMqShips() throws Exception {
        for (BrokerEndpoint.Persistence p : BrokerEndpoint.Persistence.values()) {
            String xml = HiveMqConfig.xml(
                    new BrokerEndpoint.Embedded("0.0.0.0", 0, Path.of("/var/lib/ebc/broker"), 250_000, p), 18_830);
            URL xsd = HiveMqConfig.class.getClassLoader().getResource("config.xsd");
            assertThat(xsd).as("HiveMQ CE's config.xsd on the classpath").isNotNull();
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(xsd)
                    .newValidator()
                    .validate(new StreamSource(new StringReader(xml)));

            Document doc = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
            var xpath = XPathFactory.newInstance().newXPath();
            assertThat(xpath.evaluate("/hivemq/listeners/tcp-listener/port", doc))
                    .isEqualTo("18830");
            assertThat(xpath.evaluate("/hivemq/listeners/tcp-listener/bind-address", doc))
                    .isEqualTo("0.0.0.0");
            assertThat(xpath.evaluate("/hivemq/mqtt/queued-messages/max-queue-size", doc))
                    .isEqualTo("250000");
            assertThat(xpath.evaluate("/hivemq/anonymous-usage-statistics/enabled", doc))
                    .isEqualTo("false");
            assertThat(xpath.evaluate("/hivemq/persistence/mode", doc))
                    .isEqualTo(p == BrokerEndpoint.Persistence.FILE ? "file" : "in-memory");
        }
    }

    @Test
    void aBindAddressCannotInjectXml() throws Exception {
        String xml = HiveMqConfig.xml(
                new BrokerEndpoint.Embedded("a<b>&\"c", 0, Path.of("x"), 1, BrokerEndpoint.Persistence.FILE), 1);
        Document doc =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        assertThat(XPathFactory.newInstance().newXPath().evaluate("/hivemq/listeners/tcp-listener/bind-address", doc))
                .isEqualTo("a<b>&\"c");
    }
}
