// streamdown 2.7.1 as its README has an app import it.
export { Streamdown } from 'streamdown'
