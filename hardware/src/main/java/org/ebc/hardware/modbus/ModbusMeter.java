package org.ebc.hardware.modbus;

import java.util.Optional;
import java.util.function.LongSupplier;
import org.ebc.hardware.EnergyMeter;
import org.ebc.hardware.MeterFault;
import org.ebc.hardware.MeterRead;
import org.ebc.hardware.MeterSnapshot;
import org.ebc.hardware.RegisterBase;
import org.ebc.units.Energy;
import org.ebc.units.MeterSerial;
import org.ebc.units.Power;
import org.tinylog.Logger;

/**
 * An Eastron SDM-class meter over Modbus RTU: its own cumulative registers
 * ({@link RegisterBase#METER_ABSOLUTE}).
 *
 * <p>One read is two requests: both energy totals in one (so import and export come from one instant), then
 * the total power. Any transport fault is returned as it came from the {@link ModbusRtuMaster}. Values that
 * arrived intact but cannot be right are {@link MeterFault#IMPLAUSIBLE}: NaN, infinite or negative energy,
 * NaN power, or an energy register lower than the last one this driver returned (a swapped or reset meter
 * must not make the node's registers go backwards).
 *
 * <p>Thread-safety: {@link #read()} is synchronized (the bus carries one request at a time).
 */
public final class ModbusMeter implements EnergyMeter {
    private final MeterSerial serial;
    private final ModbusConfig config;
    private final SerialLine line;
    private final ModbusRtuMaster master;
    private Energy lastImport;
    private Energy lastExport;
    private boolean closed;

    private ModbusMeter(MeterSerial serial, ModbusConfig config, SerialLine line, LongSupplier nanoTime) {
        this.serial = serial;
        this.config = config;
        this.line = line;
        this.master = new ModbusRtuMaster(line, config.timeout(), config.retries(), config.interFrameGap(), nanoTime);
    }

    /** A meter on {@code line}, which it owns from now on (closed by {@link #close()}). */
    public static ModbusMeter open(MeterSerial serial, ModbusConfig config, SerialLine line, LongSupplier nanoTime) {
        ModbusMeter meter = new ModbusMeter(serial, config, line, nanoTime);
        Logger.info(
                "Modbus meter {} open: {} on {} unit {} {} baud parity {} stop bits {}, timeout {} ms, retries {}",
                serial,
                config.registerMap().model(),
                line.name(),
                config.unitId(),
                config.baud(),
                config.parity().name().toLowerCase(java.util.Locale.ROOT),
                config.stopBits(),
                config.timeout().toMillis(),
                config.retries());
        return meter;
    }

    @Override
    public MeterSerial serial() {
        return serial;
    }

    @Override
    public synchronized MeterRead read() {
        if (closed) {
            return new MeterRead.Failed(MeterFault.DISCONNECTED, "Modbus meter " + serial + " is closed");
        }
        SdmRegisterMap map = config.registerMap();
        ModbusReply energyReply =
                master.readInputRegisters(config.unitId(), map.importEnergy(), map.energyBlockRegisters());
        if (!(energyReply instanceof ModbusReply.Registers energyBlock)) {
            return failed((ModbusReply.Failure) energyReply);
        }
        ModbusReply powerReply = master.readInputRegisters(config.unitId(), map.totalPower(), 2);
        if (!(powerReply instanceof ModbusReply.Registers powerBlock)) {
            return failed((ModbusReply.Failure) powerReply);
        }
        float importKWh = energyBlock.block().float32At(map.importEnergy());
        float exportKWh = energyBlock.block().float32At(map.exportEnergy());
        float watts = powerBlock.block().float32At(map.totalPower());
        Optional<Energy> imp = DeviceValues.energyFromKWh(importKWh);
        Optional<Energy> exp = DeviceValues.energyFromKWh(exportKWh);
        Optional<Power> power = DeviceValues.powerFromWatts(watts);
        if (imp.isEmpty() || exp.isEmpty() || power.isEmpty()) {
            return implausible(
                    "meter reports import " + importKWh + " kWh, export " + exportKWh + " kWh, power " + watts + " W");
        }
        if (lastImport != null && (imp.get().isLessThan(lastImport) || exp.get().isLessThan(lastExport))) {
            return implausible("registers went backwards: import " + lastImport + " → " + imp.get() + ", export "
                    + lastExport + " → " + exp.get());
        }
        lastImport = imp.get();
        lastExport = exp.get();
        return new MeterRead.Ok(new MeterSnapshot(imp.get(), exp.get(), power.get(), RegisterBase.METER_ABSOLUTE));
    }

    /**
     * Reads any input registers of the meter, for diagnostics (e.g. {@link SdmRegisterMap#voltageL1()} on a
     * bench). Not used on the metering path.
     */
    public synchronized ModbusReply readRegisters(int address, int count) {
        if (closed) {
            return new ModbusReply.Failure(MeterFault.DISCONNECTED, "Modbus meter " + serial + " is closed");
        }
        return master.readInputRegisters(config.unitId(), address, count);
    }

    private MeterRead failed(ModbusReply.Failure f) {
        Logger.debug("Modbus meter {}: {} {}", serial, f.fault(), f.detail());
        return new MeterRead.Failed(f.fault(), f.detail());
    }

    private MeterRead implausible(String why) {
        String detail = "Modbus meter " + serial + " on " + line.name() + ": " + why;
        Logger.debug(detail);
        return new MeterRead.Failed(MeterFault.IMPLAUSIBLE, detail);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            line.close();
            Logger.info("Modbus meter {} closed", serial);
        }
    }
}
