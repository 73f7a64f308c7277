package org.ebc.hardware.modbus;

import org.ebc.hardware.MeterFault;

/** The outcome of one Modbus request after retries: the registers, or why there are none. */
public sealed interface ModbusReply {

    record Registers(RegisterBlock block) implements ModbusReply {}

    /**
     * @param fault  {@link MeterFault#TIMEOUT}, {@link MeterFault#CRC_ERROR},
     *               {@link MeterFault#EXCEPTION_RESPONSE}, {@link MeterFault#MALFORMED_FRAME} or
     *               {@link MeterFault#DISCONNECTED}
     * @param detail one line for the operator: unit, address, what arrived
     */
    record Failure(MeterFault fault, String detail) implements ModbusReply {}
}
