/**
 * Modbus RTU meters (Eastron SDM120/SDM630 class). The data flow is split the way OpenEMS splits it: a
 * {@link org.ebc.hardware.modbus.SdmRegisterMap} only <em>declares</em> where the meter keeps its values, a
 * small {@link org.ebc.hardware.modbus.ModbusRtuMaster} does the I/O (function 0x04, CRC-16/MODBUS,
 * exception responses, timeouts, retries) over a {@link org.ebc.hardware.modbus.SerialLine} port, and
 * {@link org.ebc.hardware.modbus.ModbusMeter} turns the device's float32 values into registers.
 *
 * <p>Units and signs: the device reports energy in kWh and power in W as IEEE-754 float32, big-endian
 * (high word first). At the driver edge energy becomes whole Wh, rounded down from the float's shortest
 * decimal form ({@link org.ebc.hardware.modbus.DeviceValues}); power becomes whole W, rounded half-up,
 * positive = import as the meter reports it. Registers are the meter's own
 * ({@link org.ebc.hardware.RegisterBase#METER_ABSOLUTE}).
 */
package org.ebc.hardware.modbus;
