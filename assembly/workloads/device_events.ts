// EV_DEVICE's dispatch: the device scenarios' timers, each to its layer.
import { DEVT_TO_HOST, DEVT_TO_CLIENT, DEVT_E1000_MIT, DEVT_DISK, DEVT_CLIENT_NEXT } from '../sim/device_events';
import { onMitTimer } from '../kvm/dev_net';
import { onDiskDone } from '../kvm/dev_blk';
import { clientStart, clientReceive, frameArrives } from './nic';

export function onDeviceEvent(target: i32, arg: i32): void {
  switch (target) {
    case DEVT_TO_HOST: frameArrives(arg); break;
    case DEVT_TO_CLIENT: clientReceive(arg); break;
    case DEVT_E1000_MIT: onMitTimer(); break;
    case DEVT_DISK: onDiskDone(arg); break;
    case DEVT_CLIENT_NEXT: clientStart(arg); break;
    default: break;
  }
}
